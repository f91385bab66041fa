package dev.backstep.replay.stop;

import dev.backstep.machine.Machine;
import dev.backstep.machine.PendingTrap;
import dev.backstep.machine.MachineStop;
import dev.backstep.machine.WatchHit;
import dev.backstep.replay.index.GranuleFlow;
import dev.backstep.replay.index.IndexQuery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A StopSet installed in the machine for the duration of one timeline operation: PC breakpoints and
 * the candidate PCs of predicates become machine breakpoints, watchpoints become machine watchpoints.
 * It turns machine stops back into {@link Hit}s, evaluating conditions on the machine state.
 */
public final class ArmedStops {
    private final Machine m;
    private final StopSet set;
    private final Map<Integer, List<Object>> byPc = new HashMap<>();
    private final List<StopPredicate> everywhere = new ArrayList<>();
    private final List<Integer> machineWatchIds = new ArrayList<>();

    public ArmedStops(Machine m, StopSet set) {
        this.m = m;
        this.set = set == null ? StopSet.none() : set;
        for (PcBreakpoint b : this.set.breakpoints()) {
            byPc.computeIfAbsent(b.pc(), k -> new ArrayList<>()).add(b);
        }
        for (StopPredicate p : this.set.predicates()) {
            int[] pcs = p.candidatePcs();
            if (pcs == null) {
                everywhere.add(p);
            } else {
                for (int pc : pcs) {
                    List<Object> l = byPc.computeIfAbsent(pc, k -> new ArrayList<>());
                    if (!l.contains(p)) {
                        l.add(p);
                    }
                }
            }
        }
    }

    public StopSet set() {
        return set;
    }

    /** Whether some predicate may hold anywhere, so the run must go one instruction at a time. */
    public boolean needsStepping() {
        return !everywhere.isEmpty();
    }

    public boolean countsHits() {
        return set.countsHits();
    }

    public void arm() {
        m.breakpoints().clear();
        if (!needsStepping()) {
            for (int pc : byPc.keySet()) {
                m.breakpoints().add(pc);
            }
        }
        m.watchpoints().clear();
        machineWatchIds.clear();
        for (Watchpoint w : set.watchpoints()) {
            machineWatchIds.add(m.watchpoints().add(w.address(), w.length(), w.read(), w.write()));
        }
        // always: the timeline must see every trap entry to keep the state at a trap's icount the one before it
        // (a breakpoint on a handler's first instruction would otherwise stop after an unseen entry)
        m.setStopOnTraps(true);
    }

    public void disarm() {
        m.breakpoints().clear();
        m.watchpoints().clear();
        machineWatchIds.clear();
        m.setStopOnTraps(false);
    }

    /** Whether the stop set wants trap stops (the machine stops on every trap while armed, see {@link #arm}). */
    public boolean trapsArmed() {
        return set.stopsOnTraps();
    }

    /** Whether the stop set wants a stop at this trap (its kind: exception or interrupt). */
    public boolean wantsTrap(PendingTrap trap) {
        return trap.isInterrupt() ? set.stopsOnInterrupts() : set.stopsOnExceptions();
    }

    /**
     * What the execution index must look for to find where these stops may hold: the pcs of breakpoints and
     * predicates (with the code around them, when known: see {@link GranuleFlow}), the words of write watchpoints, the
     * wanted trap kinds. A read watchpoint or a predicate that may
     * hold anywhere cannot be told from the index: every window may then hold a hit.
     */
    public IndexQuery indexQuery(GranuleFlow.Code code) {
        IndexQuery.Builder q = IndexQuery.builder();
        if (needsStepping()) {
            return IndexQuery.anything();
        }
        for (int pc : byPc.keySet()) {
            q.pc(pc, code);
        }
        for (Watchpoint w : set.watchpoints()) {
            if (w.read()) {
                return IndexQuery.anything();
            }
            q.write(w.address(), w.length());
        }
        q.traps(set.stopsOnExceptions() ? -1L : 0, set.stopsOnInterrupts() ? -1L : 0);
        return q.build();
    }

    /** PC-type conditions (breakpoints, predicates) that hold at the current state, in StopSet order. */
    public void pcHits(long icount, List<Hit> out) {
        int pc = m.hart().pc();
        List<Object> at = byPc.get(pc);
        if (at != null) {
            for (Object o : at) {
                if (o instanceof PcBreakpoint b) {
                    if (b.condition() == null || b.condition().test(m)) {
                        out.add(new Hit(icount, icount, b, TimelineStop.breakpoint(icount, pc, false, b.id())));
                    }
                } else {
                    predicateHit((StopPredicate) o, icount, pc, out);
                }
            }
        }
        for (StopPredicate p : everywhere) {
            predicateHit(p, icount, pc, out);
        }
    }

    private void predicateHit(StopPredicate p, long icount, int pc, List<Hit> out) {
        if (p.test(m, icount)) {
            out.add(new Hit(icount, icount, p, TimelineStop.simple(TimelineStopKind.PREDICATE, icount, pc, false, p.describe())));
        }
    }

    /** The watchpoints matching a machine WATCHPOINT stop whose condition holds. */
    public void watchHits(MachineStop info, List<Hit> out) {
        WatchHit access = info.watch();
        boolean write = access.isWrite();
        long icount = m.icount();
        for (Watchpoint w : set.watchpoints()) {
            if ((write ? w.write() : w.read()) && w.covers(access.address(), access.size())
                    && (w.condition() == null || w.condition().test(m))) {
                out.add(new Hit(icount, icount - 1, w, TimelineStop.watchpoint(icount, m.hart().pc(),
                        new TimelineStop.WatchAccess(w.id(), access.address(), access.size(), write, access.pc()))));
            }
        }
    }

    public Hit trapHit(MachineStop info) {
        long icount = m.icount();
        PendingTrap trap = info.trap();
        String what = trap.isInterrupt() ? "interrupt" : "exception";
        return new Hit(icount, icount, null, TimelineStop.trap(icount, m.hart().pc(), trap,
                what + (info.description() == null ? "" : ": " + info.description())));
    }

    /** Applies hit counting; true if the hit must stop the run. */
    public static boolean accept(Hit h) {
        if (h.source() instanceof PcBreakpoint b) {
            return b.countHit();
        }
        if (h.source() instanceof Watchpoint w) {
            return w.countHit();
        }
        return true;
    }
}
