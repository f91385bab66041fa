package dev.backstep.machine;

import java.util.List;

/**
 * What one region translates: its blocks (each an entry: the dispatcher and other blocks can start there), in
 * address order, and the registers it reads or writes.
 *
 * @param blocks       straight-line runs of translatable instructions, each ending in a control transfer or
 *                     falling through to {@link Block#fallThrough()}
 * @param returnPoints block starts just after a call inside the region: an indirect jump there stays in the region
 */
record RegionPlan(List<Block> blocks, List<Integer> returnPoints) {

    /**
     * @param fallThrough where control goes after the last instruction when it does not transfer control (the next
     *                    block, or an exit to the interpreter: an instruction the translator does not know, a
     *                    breakpoint, the end of what was explored)
     */
    record Block(int start, List<Insn> insns, int fallThrough) {
        Insn last() {
            return insns.get(insns.size() - 1);
        }

        /** Icount this block retires. */
        int length() {
            return insns.size();
        }
    }

    /**
     * The pages (address {@code >>> 12}) its instructions lie on, ascending: a region marks code entries into the
     * {@link ActivityMarks} of each (see {@link Region#entryMarks}).
     */
    int[] codePages() {
        return blocks.stream().flatMap(b -> b.insns().stream()).mapToInt(i -> i.pc() >>> 12).distinct().sorted()
                .toArray();
    }

    int instructionCount() {
        int n = 0;
        for (Block b : blocks) {
            n += b.insns().size();
        }
        return n;
    }
}
