package dev.backstep.machine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the code of a region from a hot pc: the blocks reachable through direct branches, jumps and calls (with the
 * points calls return to), up to an instruction budget. Exploration stops at instructions the translator does not
 * know ({@link InsnTable}), at breakpoints, at unmapped or non-RAM code; those become exits to the interpreter.
 */
final class RegionScanner {
    /** Longest block (instructions): bounds the work the interpreter does when a block would cross a chunk's end. */
    static final int MAX_BLOCK = 64;

    /** Reads decoded instructions; throws {@link MemFault} when pc cannot be fetched. */
    interface Code {
        long decoded(int pc);

        boolean translatable(int pc);
    }

    private final Code code;

    RegionScanner(Code code) {
        this.code = code;
    }

    /** The region from start, of at most maxInsns instructions; null when nothing at start can be translated. */
    RegionPlan scan(int start, int maxInsns) {
        Map<Integer, Insn> insns = new HashMap<>();
        TreeSet<Integer> leaders = new TreeSet<>();
        List<Integer> returnPoints = new ArrayList<>();
        Set<Integer> stops = new java.util.HashSet<>();
        Deque<Integer> work = new ArrayDeque<>();
        work.add(start);
        leaders.add(start);
        int count = 0;
        while (!work.isEmpty() && count < maxInsns) {
            int pc = work.poll();
            // A straight-line run, once begun, goes on to its end even past the budget (up to twice the budget): a
            // region cut in the middle of one leaves to a pc where nothing can be entered, and the interpreter runs the
            // rest of the run every time (measured on mix.elf: 40 % of all the interpreter's stretches, one
            // instruction each, between two regions of an insertion sort's inner loop).
            int runEnd = 2 * maxInsns;
            while (count < runEnd && !insns.containsKey(pc) && !stops.contains(pc)) {
                Insn i = fetch(pc);
                InsnTable.Entry entry = i == null ? null : InsnTable.of(i.op());
                if (entry == null) {
                    stops.add(pc);
                    if (i != null && resumesAfter(i.op())) {
                        // the interpreter runs it and hands back right after
                        leaders.add(i.next());
                        work.add(i.next());
                    }
                    break;
                }
                insns.put(pc, i);
                count++;
                if (entry.flow() == InsnTable.Flow.NEXT) {
                    pc = i.next();
                    continue;
                }
                if (entry.flow() != InsnTable.Flow.INDIRECT) {
                    int target = i.pc() + i.imm();
                    leaders.add(target);
                    work.add(target);
                }
                if (entry.flow() == InsnTable.Flow.BRANCH || i.links()) {
                    leaders.add(i.next());
                    work.add(i.next());
                    if (entry.flow() != InsnTable.Flow.BRANCH) {
                        returnPoints.add(i.next());
                    }
                }
                break;
            }
        }
        List<RegionPlan.Block> blocks = new ArrayList<>();
        Integer leader = leaders.isEmpty() ? null : leaders.first();
        while (leader != null) {
            int pc = leader;
            if (insns.containsKey(pc)) {
                List<Insn> body = new ArrayList<>();
                int fall;
                while (true) {
                    Insn i = insns.get(pc);
                    body.add(i);
                    pc = i.next();
                    if (InsnTable.of(i.op()).flow() != InsnTable.Flow.NEXT) {
                        fall = i.next();
                        break;
                    }
                    if (leaders.contains(pc) || !insns.containsKey(pc)) {
                        fall = pc;
                        break;
                    }
                    if (body.size() >= MAX_BLOCK) {
                        leaders.add(pc); // the rest is a block of its own
                        fall = pc;
                        break;
                    }
                }
                blocks.add(new RegionPlan.Block(leader, List.copyOf(body), fall));
            }
            leader = leaders.higher(leader);
        }
        if (blocks.isEmpty() || blocks.stream().noneMatch(b -> b.start() == start)) {
            return null;
        }
        List<Integer> returns = returnPoints.stream().filter(insns::containsKey).distinct().sorted().toList();
        return new RegionPlan(List.copyOf(blocks), returns);
    }

    private Insn fetch(int pc) {
        if (!code.translatable(pc)) {
            return null;
        }
        try {
            return Insn.of(pc, code.decoded(pc));
        } catch (MemFault f) {
            return null;
        }
    }

    /** Instructions the interpreter runs that continue with the next one (no trap, no jump): CSRs, atomics, fence.i. */
    private static boolean resumesAfter(int op) {
        return (op >= Op.CSRRW && op <= Op.CSRRCI) || (op >= Op.LR && op <= Op.AMOMAXU) || op == Op.FENCE_I
                || op == Op.FP; // F/D: the interpreter runs them (FloatUnit), translated code goes on after
    }
}
