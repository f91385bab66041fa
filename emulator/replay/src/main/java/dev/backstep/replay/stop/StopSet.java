package dev.backstep.replay.stop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * The stop conditions for timeline runs: PC breakpoints, watchpoints, trap stops and predicates.
 * One StopSet usually lives as long as a debug session and is passed to every run; ids are unique
 * within it. Not thread-safe: change it only between runs.
 */
public final class StopSet {
    private final List<PcBreakpoint> breakpoints = new ArrayList<>();
    private final List<Watchpoint> watchpoints = new ArrayList<>();
    private final List<StopPredicate> predicates = new ArrayList<>();
    private boolean stopOnExceptions;
    private boolean stopOnInterrupts;
    private int nextId = 1;

    public static StopSet none() {
        return new StopSet();
    }

    public PcBreakpoint addBreakpoint(int pc) {
        return addBreakpoint(pc, null, null);
    }

    public PcBreakpoint addBreakpoint(int pc, MachineCondition condition, LongPredicate hitCondition) {
        PcBreakpoint b = new PcBreakpoint(nextId++, pc, condition, hitCondition);
        breakpoints.add(b);
        return b;
    }

    public Watchpoint addWatchpoint(int address, int length, boolean read, boolean write) {
        return addWatchpoint(address, length, read, write, null);
    }

    public Watchpoint addWatchpoint(int address, int length, boolean read, boolean write, MachineCondition condition) {
        return addWatchpoint(address, length, read, write, condition, null);
    }

    public Watchpoint addWatchpoint(int address, int length, boolean read, boolean write, MachineCondition condition,
                                    LongPredicate hitCondition) {
        Watchpoint w = new Watchpoint(nextId++, address, length, read, write, condition, hitCondition);
        watchpoints.add(w);
        return w;
    }

    public StopSet addPredicate(StopPredicate p) {
        predicates.add(p);
        return this;
    }

    public boolean removePredicate(StopPredicate p) {
        return predicates.remove(p);
    }

    /** Removes the breakpoint or watchpoint with this id; false if there is none. */
    public boolean remove(int id) {
        return breakpoints.removeIf(b -> b.id() == id) | watchpoints.removeIf(w -> w.id() == id);
    }

    public void clear() {
        breakpoints.clear();
        watchpoints.clear();
        predicates.clear();
        stopOnExceptions = stopOnInterrupts = false;
    }

    /** Stops on every trap (exceptions and interrupts), or on none. */
    public StopSet stopOnTraps(boolean on) {
        return stopOnTraps(on, on);
    }

    /** Stops on exceptions (synchronous traps: ecall, faults, illegal instructions...) and/or on interrupts. */
    public StopSet stopOnTraps(boolean exceptions, boolean interrupts) {
        stopOnExceptions = exceptions;
        stopOnInterrupts = interrupts;
        return this;
    }

    /** Whether some trap stops a run. */
    public boolean stopsOnTraps() {
        return stopOnExceptions || stopOnInterrupts;
    }

    public boolean stopsOnExceptions() {
        return stopOnExceptions;
    }

    public boolean stopsOnInterrupts() {
        return stopOnInterrupts;
    }

    public List<PcBreakpoint> breakpoints() {
        return Collections.unmodifiableList(breakpoints);
    }

    public List<Watchpoint> watchpoints() {
        return Collections.unmodifiableList(watchpoints);
    }

    public List<StopPredicate> predicates() {
        return Collections.unmodifiableList(predicates);
    }

    public boolean isEmpty() {
        return breakpoints.isEmpty() && watchpoints.isEmpty() && predicates.isEmpty() && !stopsOnTraps();
    }

    /** Whether some stop counts hits (then reverse scans must keep every hit of a window, not just the last). */
    boolean countsHits() {
        for (PcBreakpoint b : breakpoints) {
            if (b.hitCondition() != null) {
                return true;
            }
        }
        for (Watchpoint w : watchpoints) {
            if (w.hitCondition() != null) {
                return true;
            }
        }
        return false;
    }
}
