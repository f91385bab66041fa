package dev.backstep.machine;

/**
 * What a run passes without stopping at the boundary it starts from, because it was already reported there: how a
 * debugger continues from a stop. {@link #after} gives the machine's own resume rules (docs/machine-api.md),
 * {@link #boundary} what {@link Machine#stepPastStop()} passes.
 *
 * @param icount     the boundary the run starts from (-1: nothing is passed)
 * @param pc         the pc there
 * @param breakpoint the instruction at pc runs first with its breakpoint lifted
 * @param input      input due at the boundary is delivered without an INPUT stop
 * @param traps      which trap entries at the boundary do not stop the run
 */
record StepOff(long icount, int pc, boolean breakpoint, boolean input, Traps traps) {
    enum Traps {
        /** Every trap stops the run (when trap stops are on). */
        NONE,
        /** The trap the previous stop reported, at its icount and pc, is entered once without stopping again. */
        REPORTED,
        /** No trap entered at the boundary stops the run. */
        ALL
    }

    static final StepOff NOTHING = new StepOff(-1, 0, false, false, Traps.NONE);

    /** The resume rules after the machine's own stop {@code prev} (null: none), the machine now at icount / pc. */
    static StepOff after(MachineStop prev, long icount, int pc) {
        if (prev == null) {
            return NOTHING;
        }
        return switch (prev.reason()) {
            case BREAKPOINT -> prev.icount() == icount && prev.pc() == pc
                    ? new StepOff(icount, pc, true, false, Traps.NONE) : NOTHING;
            case TRAP -> new StepOff(prev.icount(), prev.pc(), false, false, Traps.REPORTED);
            case INPUT -> prev.icount() == icount ? new StepOff(icount, pc, false, true, Traps.NONE) : NOTHING;
            default -> NOTHING;
        };
    }

    /** Everything at this boundary: a breakpoint at pc, the input due, every trap entered in the step from it. */
    static StepOff boundary(long icount, int pc) {
        return new StepOff(icount, pc, true, true, Traps.ALL);
    }
}
