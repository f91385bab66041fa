package dev.backstep.replay.stop;

import java.util.function.LongPredicate;

/**
 * Stops before the instruction at {@code pc} executes, if {@code condition} holds there, and then only
 * when {@code hitCondition} accepts the running count of such hits (null = every hit). Hits are
 * counted in the order the timeline meets them: forward runs count forward, reverse runs count
 * backward from the position, like gdb's ignore counts.
 */
public final class PcBreakpoint {
    private final int id;
    private final int pc;
    private final MachineCondition condition;
    private final LongPredicate hitCondition;
    private long hits;

    PcBreakpoint(int id, int pc, MachineCondition condition, LongPredicate hitCondition) {
        this.id = id;
        this.pc = pc;
        this.condition = condition;
        this.hitCondition = hitCondition;
    }

    public int id() {
        return id;
    }

    public int pc() {
        return pc;
    }

    public MachineCondition condition() {
        return condition;
    }

    public LongPredicate hitCondition() {
        return hitCondition;
    }

    public long hits() {
        return hits;
    }

    public void resetHits() {
        hits = 0;
    }

    /** Counts one hit whose condition held; true when it must stop. */
    boolean countHit() {
        hits++;
        return hitCondition == null || hitCondition.test(hits);
    }
}
