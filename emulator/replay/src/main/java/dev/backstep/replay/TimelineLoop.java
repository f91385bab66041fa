package dev.backstep.replay;

import dev.backstep.machine.Machine;
import dev.backstep.machine.MachineStop;
import dev.backstep.machine.MachineStopReason;
import dev.backstep.replay.stop.ArmedStops;
import dev.backstep.replay.stop.Hit;
import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one loop that runs the machine for a timeline: towards a target in bounded slices, stopping at digest points
 * (record or check), at planned snapshot points, at machine stops (handed to a {@link HitHandler} as hits), at the end
 * of history, on divergence and on cancel. Its state between two machine runs is one {@link LoopState}.
 *
 * <p>The state at icount n is the one on arrival there (docs/machine-api.md): before the step from n, which takes the
 * inputs due at n, skips the time a wfi sleeps, enters a trap, then runs an instruction. A machine stop in the middle
 * of that step (a trap about to be entered after an input or a wake-up, a breakpoint on a handler's first instruction
 * right after the entry) is "unsettled": its hits count at n, but nothing is snapshotted, digested or edited there, and
 * a run that ends there is first put back to the state on arrival. While stops are armed the machine stops before
 * every trap, and the loop enters traps in a step of its own ({@code Machine.stepPastStop}, the one way a stop is
 * stepped off): a breakpoint met in that step without an instruction retired was reached by the entry.
 */
final class TimelineLoop {
    interface HitHandler {
        /**
         * True: the run must stop at this hit.
         *
         * @param entersTrap the hit holds on a trap handler's first instruction, reached by a trap entry at its icount
         */
        boolean onHit(Hit h, boolean entersTrap);
    }

    private final Machine m;
    private final TimelineInput input;
    private final TimelineOptions opts;
    private final HistoryBounds history;
    private final TimelineSnapshots snapshots;
    private final StateEdits edits;
    private final RecordingSink sink;
    private final TimelineIndex index;
    private final Cancellation cancel;
    private final Supplier<TimelineListener> listener;
    /** The last operation stopped for a condition on a trap handler's first instruction (see Timeline). */
    private boolean stoppedAtTrapEntry;
    /** Instructions the machine has executed for this timeline, replays included (diagnostics, benchmarks). */
    private long executed;

    TimelineLoop(Machine m, TimelineInput input, TimelineOptions opts, HistoryBounds history,
                 TimelineSnapshots snapshots, StateEdits edits, RecordingSink sink, TimelineIndex index,
                 Cancellation cancel, Supplier<TimelineListener> listener) {
        this.m = m;
        this.input = input;
        this.opts = opts;
        this.history = history;
        this.snapshots = snapshots;
        this.edits = edits;
        this.sink = sink;
        this.index = index;
        this.cancel = cancel;
        this.listener = listener;
    }

    boolean stoppedAtTrapEntry() {
        return stoppedAtTrapEntry;
    }

    long executed() {
        return executed;
    }

    void setStoppedAtTrapEntry(boolean at) {
        stoppedAtTrapEntry = at;
    }

    /** Restores the best snapshot if going back (or if one is closer than the current state), then replays. */
    TimelineStop moveTo(long target, String task) {
        return moveTo(target, task, true);
    }

    /**
     * As {@link #moveTo(long, String)}; {@code plan}: leave snapshots before the target so that stepping back from
     * there is cheap (a seek's), or none besides the stop's own (a reverse scan's move to what it found: stepping back
     * from there plans its own).
     */
    TimelineStop moveTo(long target, String task, boolean plan) {
        target = history.reachable(target);
        long now = m.icount();
        Map.Entry<Long, TimelineSnapshot> base = snapshots.atOrBefore(target);
        if (target < now || (base != null && base.getKey() > now)) {
            snapshots.restore(base.getValue());
        }
        return run(target, null, null, false, plan ? snapshots.seekPlan(m.icount(), target) : null, task);
    }

    /**
     * Runs towards {@code target}.
     *
     * @param stops      armed stop conditions, or null for none
     * @param checkStart stop conditions may hold at the starting state (reverse scan windows): the machine checks them
     *                   as it would have arriving there; otherwise the start is stepped past silently (continuing from
     *                   a stop), a trap entered there included
     * @param plan       icounts at which to leave snapshots (ascending), or null
     * @return null when target was reached, else the stop that ended the run
     */
    TimelineStop run(long target, ArmedStops stops, HitHandler handler, boolean checkStart, long[] plan, String task) {
        long begin = m.icount();
        List<Hit> hits = new ArrayList<>(4);
        LoopState state = LoopState.start(stops != null && stops.needsStepping(), stops != null && !checkStart);
        if (stops != null && checkStart && state.singleSteps()) {
            // no machine breakpoints while stepping: evaluate the start here, as every later arrival is
            stops.pcHits(begin, hits);
            for (Hit h : hits) {
                if (handler.onHit(h, false)) {
                    return h.stop();
                }
            }
            hits.clear();
        }
        int planIdx = 0;
        long lastProgress = begin;
        while (true) {
            // checks at every boundary between machine runs
            long now = m.icount();
            Divergence d = input.divergence();
            if (d != null) {
                return settle(state, stops, history.diverged(d, now, m.hart().pc()));
            }
            if (history.divergedBy(now)) {
                return settle(state, stops, history.endStop(now, m.hart().pc()));
            }
            if (cancel.requested()) {
                return settle(state, stops, TimelineStop.simple(TimelineStopKind.CANCELLED, now, m.hart().pc(), false, "cancelled"));
            }
            if (now >= target && state.settled()) {
                return null;
            }
            if (now >= history.limit() && state.settled()) {
                return history.endStop(now, m.hart().pc());
            }
            while (plan != null && planIdx < plan.length && plan[planIdx] <= now) {
                planIdx++;
            }
            // one machine run
            MachineStopReason r;
            if (state.passing()) {
                r = m.stepPastStop();
            } else {
                r = m.run(state.singleSteps() ? now + 1 : sliceEnd(now, target, plan, planIdx));
            }
            MachineStop info = m.lastStop();
            long at = m.icount();
            executed += at - now;
            // a stop passed and no instruction retired: only a trap entry can have moved the pc to a breakpoint
            boolean trapEntry = state.passing() && r == MachineStopReason.BREAKPOINT && at == now;
            boolean startsOwnBreakpoint = trapEntry && state.pass() == LoopState.Pass.START;
            state = state.after(r, stops != null, trapEntry || !settled(r) ? at : -1);
            // bookkeeping where the machine stands
            if (state.settled()) {
                afterRun(at);
            }
            Divergence dv = input.divergence();
            if (dv != null) {
                return settle(state, stops, history.diverged(dv, m.icount(), m.hart().pc()));
            }
            if (at - lastProgress >= (1L << 24)) {
                lastProgress = at;
                listener.get().progress(task, at - begin, target == Long.MAX_VALUE ? -1 : target - begin);
            }
            if (state.settled() && plan != null && planIdx < plan.length && at == plan[planIdx] && !snapshots.has(at)) {
                snapshots.take();
            }
            // what the machine stopped for
            switch (r) {
                case LIMIT, INPUT -> {
                    if (state.singleSteps() && at < target) {
                        stops.pcHits(at, hits);
                    }
                }
                case BREAKPOINT -> {
                    if (stops != null && !startsOwnBreakpoint) {
                        stops.pcHits(at, hits);
                    }
                }
                case WATCHPOINT -> {
                    if (stops != null) {
                        stops.watchHits(info, hits);
                    }
                }
                case TRAP -> {
                    if (stops != null && stops.trapsArmed() && stops.wantsTrap(info.trap())) {
                        hits.add(stops.trapHit(info));
                    }
                }
                case EXIT -> {
                    return history.exited(at, m.hart().pc(), info.exit());
                }
                case IDLE -> {
                    return history.idled(at, m.hart().pc());
                }
                case TRAP_LOOP -> {
                    // shown, digested and ended on the state on arrival at `at` (before the entries that loop), as a
                    // replay of the recording has it
                    settle(state, stops, null);
                    return history.trapLooped(at, m.hart().pc(), info.trap(), info.description() != null
                            ? info.description() : TrapLoopEnd.describe(info.trap()));
                }
                default -> {
                    // INTERRUPTED: a pause (the loop checks the cancel request) or a stale request; run on
                }
            }
            if (!hits.isEmpty()) {
                for (Hit h : hits) {
                    if (handler != null && handler.onHit(h, trapEntry)) {
                        stoppedAtTrapEntry = trapEntry;
                        return settle(state, stops, h.stop());
                    }
                }
                hits.clear();
            }
        }
    }

    /**
     * Where a run slice from {@code now} ends: target, history's end, slice size, digest, snapshot, edit points, and the
     * next window boundary of the execution index (a machine run never crosses one: the index takes its marks there).
     */
    private long sliceEnd(long now, long target, long[] plan, int planIdx) {
        long next = Math.min(target, history.limit());
        next = Math.min(next, index.nextBoundary(now));
        next = Math.min(next, now + opts.sliceInstructions());
        next = Math.min(next, sink.nextDigestPoint(now));
        if (now >= history.furthest()) {
            next = Math.min(next, (now / opts.snapshotInterval() + 1) * opts.snapshotInterval());
        }
        if (plan != null && planIdx < plan.length) {
            next = Math.min(next, plan[planIdx]);
        }
        return Math.min(next, edits.nextAfter(now));
    }

    /**
     * Whether the machine, stopped, is surely in the state on arrival at its icount. A breakpoint stop comes after the
     * step from there began when that step took input, woke the hart from wfi or entered a trap (the machine says so);
     * a trap stop always may (the timer or an input made the interrupt pending in that step).
     */
    private boolean settled(MachineStopReason r) {
        return switch (r) {
            // the step from here may already have made the interrupt pending (timer, input, wake-up): rewinding
            // costs a replay from the latest snapshot, and a run only ends on a trap when one is wanted
            case TRAP -> false;
            // the entries that loop changed the state (pc, mcause, mepc) without retiring an instruction
            case TRAP_LOOP -> false;
            case BREAKPOINT -> m.stateIsOnArrival();
            default -> true;
        };
    }

    /**
     * Ends a run that stops in an unsettled state: back to the state on arrival at that icount (the latest snapshot at
     * or before it, replayed with the stops taken out of the machine). A cancel request survives it.
     */
    private TimelineStop settle(LoopState state, ArmedStops stops, TimelineStop s) {
        if (state.settled()) {
            return s;
        }
        boolean cancelled = cancel.requested();
        cancel.clear();
        if (stops != null) {
            stops.disarm();
        }
        try {
            snapshots.restore(snapshots.atOrBefore(state.unsettledAt()).getValue());
            run(state.unsettledAt(), null, null, false, null, "trap entry");
        } finally {
            if (stops != null) {
                stops.arm();
            }
            if (cancelled) {
                cancel.request();
            }
        }
        return s;
    }

    /** Bookkeeping after every machine run that ends settled: divergence checks, digests, frontier, snapshots, edits. */
    private void afterRun(long at) {
        index.settledAt(at);
        input.checkNotPast(at);
        boolean beyond = history.reach(at);
        if (sink.isDigestPoint(at)) {
            history.digestPoint(m);
        }
        if (beyond && at % opts.snapshotInterval() == 0 && !snapshots.has(at)) {
            snapshots.take();
        }
        // after the digest: the state recorded at an icount is the one before the debugger changed it there
        edits.applyAt(at, m);
    }
}
