package dev.backstep.replay;

import dev.backstep.machine.ElfFormatException;
import dev.backstep.machine.ElfImage;
import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.Machine;
import dev.backstep.machine.MachineConfig;
import dev.backstep.replay.format.RecordingFile;
import dev.backstep.replay.format.RecordingReader;
import dev.backstep.replay.format.RecordingWriter;
import dev.backstep.replay.format.StateEdit;
import dev.backstep.replay.index.ExecutionIndex;
import dev.backstep.replay.index.IndexQuery;
import dev.backstep.replay.log.DigestLog;
import dev.backstep.replay.log.EventLog;
import dev.backstep.replay.log.InputEvents;
import dev.backstep.replay.log.OutputLog;
import dev.backstep.replay.stop.ArmedStops;
import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;
import dev.backstep.replay.stop.StopSet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One execution of a program, from icount 0 to the end of what has been recorded so far, and the
 * only thing the debugger layers above use. Record mode runs live and records as the position moves
 * past the furthest point ever reached; replay mode serves everything from a recording file.
 * Going back restores a snapshot and replays; every operation ends at an exact instruction boundary
 * with a {@link TimelineStop} saying why and where.
 *
 * <p>This class is the façade over the parts that do the work: {@link TimelineLoop} (the run loop),
 * {@link ReverseScan}, {@link TimelineSnapshots} (taking, restoring, planning snapshots), {@link HistoryBounds} (how far
 * history goes), {@link StateEdits}, {@link RecordingSink}, {@link IcountBreakpoints}, {@link Cancellation}.
 *
 * <p>Not thread-safe, except {@link #cancel()}, which any thread may call to end a running operation.
 */
public final class Timeline implements AutoCloseable {
    public enum Mode { RECORD, REPLAY }

    private final Mode mode;
    private final Path file;
    private final Machine m;
    private final ElfImage elf;
    private final InputEvents events;
    private final RecordingFile recording;
    private final OutputTracker output = new OutputTracker();
    private final RecordingSink sink;
    private final HistoryBounds history;
    private final StateEdits edits = new StateEdits();
    private final IcountBreakpoints icountBreakpoints = new IcountBreakpoints();
    private final TimelineSnapshots snapshots;
    private final TimelineIndex index;
    private final Cancellation cancel = new Cancellation();
    private final TimelineLoop loop;
    private final ReverseScan reverseScan;
    private final HistoryScan historyScan;
    private volatile TimelineListener listener = new TimelineListener() { };

    Timeline(Mode mode, Path file, ElfImage elf, MachineConfig cfg, TimelineOptions opts, InputEvents events,
                     DigestLog digests, long digestInterval, ExternalInput live, RecordingWriter writer,
                     RecordingFile recording) throws IOException {
        this.mode = mode;
        this.file = file;
        this.elf = elf;
        this.events = events;
        this.recording = recording;
        this.sink = new RecordingSink(writer, digests, digestInterval);
        TimelineInput input = new TimelineInput(events, live, writer, mode == Mode.RECORD ? 0 : Long.MAX_VALUE);
        this.history = new HistoryBounds(mode, input, sink);
        // the translator changes how fast the machine runs, never what it does; either side can turn it off
        MachineConfig engine = cfg.withTranslate(cfg.translate() && opts.translate());
        if (opts.translationThreshold() > 0) {
            engine = engine.toBuilder().translationThreshold(opts.translationThreshold()).build();
        }
        this.m = new Machine(engine, input, output);
        try {
            m.load(elf);
        } catch (ElfFormatException e) {
            throw new IOException("cannot load the ELF: " + e.getMessage(), e);
        }
        this.index = new TimelineIndex(m, initialIndex(opts, recording), writer, history::limit);
        sink.setIndex(index);
        this.snapshots = new TimelineSnapshots(m, input, output, edits, index, opts);
        this.loop = new TimelineLoop(m, input, opts, history, snapshots, edits, sink, index, cancel, () -> listener);
        this.reverseScan = new ReverseScan(m, loop, snapshots, icountBreakpoints, index, cancel, () -> listener);
        this.historyScan = new HistoryScan(m, loop, snapshots, index, history, cancel, () -> listener);
        history.digestPoint(m);
        snapshots.take();
    }

    /**
     * The index a timeline starts with: none when the options turn it off; a replay's recording's own (its window size
     * wins); else an empty one, built as the machine runs.
     */
    private static ExecutionIndex initialIndex(TimelineOptions opts, RecordingFile recording) {
        if (!opts.indexed()) {
            return null;
        }
        if (recording != null && recording.index() != null) {
            return recording.index().copy();
        }
        return new ExecutionIndex(opts.indexWindowShift());
    }

    // ---------------------------------------------------------------- opening

    /**
     * Starts a live session that records into {@code out} (null: keep the recording in memory only).
     * The ELF's bytes are embedded in the recording so that it replays on its own.
     */
    public static Timeline record(Path elfPath, Path out, ExternalInput live, MachineConfig cfg, TimelineOptions opts)
            throws IOException {
        return TimelineOpening.record(elfPath, out, live, cfg, opts);
    }

    /** Opens a recording for replay; the ELF comes from the recording unless {@code elfPath} is given. */
    public static Timeline replay(Path recordingPath, Path elfPath, TimelineOptions opts) throws IOException {
        return replay(RecordingReader.read(recordingPath), recordingPath, elfPath, opts);
    }

    public static Timeline replay(RecordingFile rec, Path recordingPath, Path elfPath, TimelineOptions opts)
            throws IOException {
        return TimelineOpening.replay(rec, recordingPath, elfPath, opts);
    }

    /** Replay: the edits the recording holds, and its end. */
    void endWithRecording(RecordingFile rec) {
        for (StateEdit e : rec.edits()) {
            if (e.icount() <= rec.validUpTo()) {
                edits.add(e);
            }
        }
        edits.applyAt(0, m);
        history.endWithRecording(rec);
    }

    // ---------------------------------------------------------------- queries

    public Mode mode() {
        return mode;
    }

    /** The machine at the current position. Read its state; do not run or change it. */
    public Machine machine() {
        return m;
    }

    public ElfImage elf() {
        return elf;
    }

    public long icount() {
        return m.icount();
    }

    /** Where history currently ends: the live frontier (record) or the end of the recording (replay). */
    public long recordedLength() {
        return history.recordedLength(m.icount());
    }

    public TimelineInfo info() {
        Divergence d = history.divergence();
        String problem = d != null ? "divergence at icount " + d.icount() + ": " + d.message()
                : recording != null && recording.damage() != null ? recording.damage().describe() : index.problem();
        boolean complete = mode == Mode.REPLAY ? recording.complete() : history.ended();
        return new TimelineInfo(mode, file, m.icount(), m.hart().pc(), recordedLength(), snapshots.size(),
                snapshots.bytes(), snapshots.budget(), events.size(), sink.digests().size(), output.log().size(),
                complete, problem);
    }

    /** Everything the guest has ever sent, with icounts ({@link OutputLog#bytesBefore} gives "output up to now"). */
    public OutputLog output() {
        return output.log();
    }

    public InputEvents events() {
        return events;
    }

    public DigestLog digests() {
        return sink.digests();
    }

    /** The recording as it stands (what {@code RecordingExporter} saves); its END is null while the run goes on. */
    public RecordingFile recordingSoFar() {
        return mode == Mode.REPLAY ? recording : sink.contents(events, stateEdits(), recordedLength(),
                index.snapshot(recordedLength()));
    }

    /**
     * The execution index as far as it is known (null when the options turn it off): what each window of history did,
     * for searches that skip the windows that cannot hold an answer. Read it between operations; do not change it.
     */
    public ExecutionIndex executionIndex() {
        return index.index();
    }

    /** Icounts of the snapshots currently kept (for diagnostics and tests). */
    public List<Long> snapshotIcounts() {
        return snapshots.icounts();
    }

    public long snapshotBytes() {
        return snapshots.bytes();
    }

    /**
     * Instructions executed so far for this timeline, re-executions by seeks and scans included: what operations cost
     * (diagnostics, benchmarks).
     */
    public long instructionsExecuted() {
        return loop.executed();
    }

    public Divergence divergence() {
        return history.divergence();
    }

    public void setListener(TimelineListener l) {
        listener = l == null ? new TimelineListener() { } : l;
        output.setListener(l);
    }

    /**
     * Asks the running operation to end soon, from any thread: at the next slice boundary, or at once when the guest
     * sleeps in wfi waiting for outside input (the machine's interrupt() wakes the wait; nothing is recorded for it).
     * It then stops with CANCELLED where it is (a reverse continue goes back to where it started).
     *
     * <p>A request is never lost for arriving early: when no operation runs, it stays pending and the next operation
     * to begin ends with CANCELLED at once. It is used up when an operation ends, whatever ended it, so a request that
     * comes while an operation runs applies to that operation only. A caller that starts a new user operation and
     * wants no earlier request to apply to it calls {@link #clearCancel()} first.
     */
    public void cancel() {
        cancel.request();
        m.interrupt();
    }

    /** Drops a pending cancel request (see {@link #cancel()}): call it as a new user operation starts, before a
     *  cancel for that operation can come. */
    public void clearCancel() {
        cancel.clear();
    }

    /** Whether a cancel request is pending (see {@link #cancel()}). */
    public boolean cancelPending() {
        return cancel.requested();
    }

    /**
     * Whether the last operation stopped for a PC condition (breakpoint, predicate) that held on the first
     * instruction of a trap handler, reached by entering a trap at this icount. The timeline then shows the state
     * at this icount, which by definition is before the trap entry (the pc is the interrupted or faulting
     * instruction's); {@link #step()} enters the trap and runs that first instruction.
     */
    public boolean stoppedAtTrapEntry() {
        return loop.stoppedAtTrapEntry();
    }

    // ---------------------------------------------------------------- icount breakpoints

    /** Stops forward and reverse runs at exactly this icount; returns an id. */
    public int addIcountBreakpoint(long icount) {
        return icountBreakpoints.add(icount);
    }

    public boolean removeIcountBreakpoint(int id) {
        return icountBreakpoints.remove(id);
    }

    public Map<Long, Integer> icountBreakpoints() {
        return icountBreakpoints.view();
    }

    // ---------------------------------------------------------------- state edits

    /**
     * Why the state cannot be changed here, to follow "cannot change X" (": this is a replay ...", " at icount 5:
     * cannot change the past ..."), or null at the live end of a record session, where it can.
     */
    public String editRefusal() {
        return history.editRefusal(m.icount());
    }

    /**
     * Changes the machine state here, at the live end of a record session, and records the change so that every
     * later re-execution (seek, step back, reverse scans, a replay of the file) applies it at this icount.
     *
     * @throws IllegalStateException when not at the live end of a record session (the past cannot change), or
     *                               after the program ended
     * @throws IllegalArgumentException for a memory edit outside RAM
     */
    public StateEdit edit(StateEdit.Target target, int index, byte[] bytes) {
        String refused = editRefusal();
        if (refused != null) {
            throw new IllegalStateException("cannot change the state" + refused);
        }
        StateEdit e = StateEdits.checked(m.icount(), target, index, bytes, m);
        StateEdits.apply(e, m);
        edits.add(e);
        sink.stateEdit(e, e.icount());
        return e;
    }

    /** Every state edit of this timeline, in icount order. */
    public List<StateEdit> stateEdits() {
        return edits.all();
    }

    // ---------------------------------------------------------------- operations

    /** A debugger attached here: keep a snapshot of this exact state. */
    public void attach() {
        snapshots.ensureHere();
    }

    /** Moves to exactly {@code target} (clamped to the recorded range in replay mode), ignoring stop conditions. */
    public TimelineStop seek(long target) {
        begin();
        long from = m.icount();
        return finish(loop.moveTo(Math.max(0, target), "seek"), target < from);
    }

    /** One instruction forward (live at the frontier of a record session). */
    public TimelineStop step() {
        begin();
        return finish(loop.moveTo(m.icount() + 1, "step"), false);
    }

    /** One instruction back: the state equals a straight run to icount - 1. */
    public TimelineStop stepBack() {
        begin();
        long now = m.icount();
        if (now == 0) {
            return finish(ReverseScan.startOfRecording(m), true);
        }
        return finish(loop.moveTo(now - 1, "step back"), true);
    }

    /**
     * Runs forward until a stop condition holds, an icount breakpoint, {@code limit} (absolute icount;
     * Long.MAX_VALUE for none), the end of the recording (replay), exit, idle, or cancel. Starting on a
     * breakpoint does not stop there again. A watchpoint stop is after the accessing instruction. Through history
     * already run, the windows the execution index says cannot hold a hit are skipped (a snapshot beyond them is
     * restored instead of replaying them).
     */
    public TimelineStop runForward(StopSet stops, long limit) {
        begin();
        long now = m.icount();
        Map.Entry<Long, Integer> bp = icountBreakpoints.after(now);
        long target = Math.min(limit, bp == null ? Long.MAX_VALUE : bp.getKey());
        if (target <= now) {
            return finish(TimelineStop.simple(TimelineStopKind.LIMIT, now, m.hart().pc(), false, "limit"), false);
        }
        ArmedStops armed = new ArmedStops(m, stops);
        IndexQuery q = index.enabled() ? armed.indexQuery(index.code()) : IndexQuery.anything();
        TimelineStop s;
        boolean checkStart = false;
        while (true) {
            // through history already run, a leg per window: after each, the windows ahead that cannot hold a hit are
            // skipped (a snapshot beyond them restored)
            long legStart = m.icount();
            s = skipAhead(q, target);
            if (s != null) {
                return finish(s, false);
            }
            checkStart |= m.icount() != legStart;
            long at = m.icount();
            long legEnd = q.matchesEverything() || at >= history.furthest() ? target
                    : Math.min(target, index.nextBoundary(at));
            armed.arm();
            try {
                s = loop.run(legEnd, armed, (h, entersTrap) -> ArmedStops.accept(h), checkStart, null, "run");
            } finally {
                armed.disarm();
            }
            if (s != null || m.icount() >= target) {
                break;
            }
            checkStart = true; // the next leg starts at a state no stop condition has been checked at
        }
        if (s == null) {
            s = bp != null && m.icount() == bp.getKey()
                    ? TimelineStop.icountBreakpoint(m.icount(), m.hart().pc(), false, bp.getValue())
                    : TimelineStop.simple(TimelineStopKind.LIMIT, m.icount(), m.hart().pc(), false, "limit");
        }
        return finish(s, false);
    }

    /**
     * Before a forward run: when the windows from here on cannot hold a hit (execution index) and a snapshot lies
     * beyond them in history already run, goes there — to the first window that may hold one, or to the target —
     * instead of replaying them. Null when it moved (or did not need to), else the stop that ended the way there.
     */
    private TimelineStop skipAhead(IndexQuery q, long target) {
        ExecutionIndex x = index.index();
        long now = m.icount();
        long until = Math.min(target, history.furthest());
        if (x == null || until <= now || q.matchesEverything()) {
            return null;
        }
        long c = x.nextCandidate(now, until, q);
        long to = c < 0 ? until : c;
        Map.Entry<Long, TimelineSnapshot> ahead = snapshots.atOrBefore(to);
        if (to <= now || ahead == null || ahead.getKey() <= now) {
            return null; // nothing to skip, or no snapshot to skip with: running there costs the same
        }
        return loop.moveTo(to, "run", false);
    }

    /**
     * Finds the last icount before the current one at which a stop condition (or an icount
     * breakpoint) holds and goes there; icount 0 with START_OF_RECORDING when there is none.
     * A watchpoint stop is ON the accessing instruction (state before the access).
     */
    public TimelineStop reverseContinue(StopSet stops) {
        begin();
        if (m.icount() == 0) {
            return finish(ReverseScan.startOfRecording(m), true);
        }
        return finish(reverseScan.run(stops), true);
    }

    /**
     * Visits every hit of {@code stops} in [from, to) (clamped to the history recorded so far: it never runs live), in
     * icount order, skipping the stretches the execution index says cannot hold one; a whole-recording query (value
     * history, line history). Hit conditions are not counted. Ends where it began, in the same state, whatever
     * happens; {@link #cancel()} ends it early (the result says where, so a later scan can go on from there).
     */
    public ScanResult visitHits(StopSet stops, long from, long to, HitVisitor visitor) {
        return historyScan.run(stops, from, to, visitor);
    }

    /**
     * Lets a stop skip its snapshot when one is at most this many instructions before it (0, the default: a
     * snapshot at every stop). For a front end that stops very often and looks at little each time, like gdb's
     * reverse-next, which goes back one instruction per request: a snapshot per stop fills the store and makes
     * every stop pay for thinning it, while coming back to such a stop costs only a short replay.
     */
    public void setStopSnapshotSlack(long instructions) {
        snapshots.setStopSlack(instructions);
    }

    /**
     * What the END chunk says when a record session is closed while its program still runs: {@code DETACHED} unless
     * set here, e.g. {@code CANCELLED} (the user interrupted the run) or {@code LIMIT} (an instruction limit).
     */
    public void setOpenEndReason(String reason) {
        sink.setOpenEndReason(reason);
    }

    /** Flushes and closes the recording; a record session writes its END chunk at the frontier. */
    @Override
    public void close() throws IOException {
        history.close(m.icount());
    }

    private void begin() {
        loop.setStoppedAtTrapEntry(false);
    }

    /**
     * Common end of every operation: the stop where the timeline now is (REACHED when the run reached its target),
     * a snapshot there, the recording flushed; a cancel request is used up.
     */
    private TimelineStop finish(TimelineStop s, boolean backward) {
        long now = m.icount();
        int pc = m.hart().pc();
        if (s == null) {
            s = TimelineStop.simple(TimelineStopKind.REACHED, now, pc, backward, null);
        } else if (s.icount() != now || s.pc() != pc || s.backward() != backward) {
            s = s.at(now, pc, backward);
        }
        snapshots.atStop();
        if (sink.records() && now >= history.furthest()) {
            sink.flush(now);
        }
        cancel.clear();
        return s;
    }
}
