package dev.backstep.replay;

import dev.backstep.machine.ElfFormatException;
import dev.backstep.machine.ElfImage;
import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.Machine;
import dev.backstep.machine.MachineConfig;
import dev.backstep.machine.MachineSnapshot;
import dev.backstep.machine.StopInfo;
import dev.backstep.machine.StopReason;
import dev.backstep.replay.format.EventKind;
import dev.backstep.replay.format.RecordingEnd;
import dev.backstep.replay.format.RecordingFile;
import dev.backstep.replay.format.RecordingFormat;
import dev.backstep.replay.format.RecordingHeader;
import dev.backstep.replay.format.RecordingReader;
import dev.backstep.replay.format.RecordingWriter;
import dev.backstep.replay.format.StateEdit;
import dev.backstep.replay.log.DigestLog;
import dev.backstep.replay.log.EventLog;
import dev.backstep.replay.log.OutputLog;
import dev.backstep.replay.snapshot.SnapshotStore;
import dev.backstep.replay.snapshot.ThinningPolicy;
import dev.backstep.replay.stop.ArmedStops;
import dev.backstep.replay.stop.Hit;
import dev.backstep.replay.stop.Stop;
import dev.backstep.replay.stop.StopKind;
import dev.backstep.replay.stop.StopSet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One execution of a program, from icount 0 to the end of what has been recorded so far, and the
 * only thing the debugger layers above use. Record mode runs live and records as the position moves
 * past the furthest point ever reached; replay mode serves everything from a recording file.
 * Going back restores a snapshot and replays; every operation ends at an exact instruction boundary
 * with a {@link Stop} saying why and where.
 *
 * <p>Not thread-safe, except {@link #cancel()}, which any thread may call to end a running operation.
 */
public final class Timeline implements AutoCloseable {
    public enum Mode { RECORD, REPLAY }

    private final Mode mode;
    private final Path file;
    private final Machine m;
    private final MachineConfig config;
    private final ElfImage elf;
    private final TimelineOptions opts;
    private final EventLog events;
    private final DigestLog digests;
    private final long digestInterval;
    private final TimelineInput input;
    private final OutputTracker output = new OutputTracker();
    private final RecordingWriter writer;
    private final RecordingFile recording;
    private final SnapshotStore<TimelineSnapshot> snapshots;
    private final TreeMap<Long, Integer> icountBreakpoints = new TreeMap<>();
    /** The debugger's state edits by icount; applied whenever the machine is at that icount. */
    private final TreeMap<Long, List<StateEdit>> edits = new TreeMap<>();
    private int nextIcountBreakpointId = 1;

    /**
     * Furthest icount ever reached; in record mode the live frontier, up to which history is recorded. Periodic
     * snapshots are only taken beyond it.
     */
    private long furthest;
    /** The position cannot go beyond this (end of recording, exit, divergence). */
    private long endLimit = Long.MAX_VALUE;
    /** What to report on reaching endLimit. */
    private Stop endStop;
    private Divergence divergence;
    private volatile boolean cancelRequested;
    /** The last operation stopped for a condition on a trap handler's first instruction (see stoppedAtTrapEntry). */
    private boolean stoppedAtTrapEntry;
    private TimelineListener listener = new TimelineListener() { };

    private Timeline(Mode mode, Path file, ElfImage elf, MachineConfig cfg, TimelineOptions opts, EventLog events,
                     DigestLog digests, long digestInterval, ExternalInput live, RecordingWriter writer,
                     RecordingFile recording) throws IOException {
        this.mode = mode;
        this.file = file;
        this.elf = elf;
        this.config = cfg;
        this.opts = opts;
        this.events = events;
        this.digests = digests;
        this.digestInterval = digestInterval;
        this.writer = writer;
        this.recording = recording;
        this.input = new TimelineInput(events, live, writer, mode == Mode.RECORD ? 0 : Long.MAX_VALUE);
        this.snapshots = new SnapshotStore<>(new PageAccounting(cfg.ramSize()), new ThinningPolicy(opts.nearSpacing()),
                opts.memoryBudget(), opts.maxSnapshots());
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
        atDigestPoint();
        takeSnapshot();
    }

    // ---------------------------------------------------------------- opening

    /**
     * Starts a live session that records into {@code out} (null: keep the recording in memory only).
     * The ELF's bytes are embedded in the recording so that it replays on its own.
     */
    public static Timeline record(Path elfPath, Path out, ExternalInput live, MachineConfig cfg, TimelineOptions opts)
            throws IOException {
        byte[] elfBytes = Files.readAllBytes(elfPath);
        ElfImage elf = parseElf(elfBytes);
        RecordingHeader header = new RecordingHeader(RecordingFormat.VERSION, elf.digest(),
                elfPath.getFileName().toString(), cfg.ramSize(), cfg.harts(), opts.digestInterval(),
                System.currentTimeMillis(), "backstep");
        OutputStream os = out == null ? OutputStream.nullOutputStream()
                : new java.io.BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
        RecordingWriter w = new RecordingWriter(os, header, elfBytes);
        return new Timeline(Mode.RECORD, out, elf, cfg, opts, new EventLog(), new DigestLog(), opts.digestInterval(),
                live == null ? ExternalInput.none() : live, w, null);
    }

    /** Opens a recording for replay; the ELF comes from the recording unless {@code elfPath} is given. */
    public static Timeline replay(Path recordingPath, Path elfPath, TimelineOptions opts) throws IOException {
        return replay(RecordingReader.read(recordingPath), recordingPath, elfPath, opts);
    }

    public static Timeline replay(RecordingFile rec, Path recordingPath, Path elfPath, TimelineOptions opts)
            throws IOException {
        RecordingHeader h = rec.header();
        byte[] elfBytes;
        if (elfPath != null) {
            elfBytes = Files.readAllBytes(elfPath);
        } else if (rec.elfBytes() != null) {
            elfBytes = rec.elfBytes();
        } else {
            throw new IOException("the recording does not contain its ELF (" + h.elfName() + "): give the ELF file");
        }
        ElfImage elf = parseElf(elfBytes);
        if (!elf.digest().equalsIgnoreCase(h.elfDigest())) {
            throw new IOException("different ELF: the recording was made with " + h.elfName() + " (SHA-256 "
                    + h.elfDigest() + "), this ELF has SHA-256 " + elf.digest());
        }
        MachineConfig cfg;
        try {
            cfg = MachineConfig.builder().ramSize(h.ramSize()).harts(h.harts()).build();
        } catch (IllegalArgumentException e) {
            throw new IOException("the recording asks for an unsupported machine: " + e.getMessage(), e);
        }
        Timeline t = new Timeline(Mode.REPLAY, recordingPath, elf, cfg, opts, rec.events(), rec.digests(),
                h.digestInterval(), null, null, rec);
        for (StateEdit e : rec.edits()) {
            if (e.icount() <= rec.validUpTo()) {
                t.edits.computeIfAbsent(e.icount(), k -> new ArrayList<>()).add(e);
            }
        }
        t.applyEditsAt(0);
        t.endLimit = Math.min(t.endLimit, rec.validUpTo());
        if (t.endStop == null) {
            t.endStop = t.replayEndStop();
        }
        return t;
    }

    private static ElfImage parseElf(byte[] bytes) throws IOException {
        try {
            return ElfImage.parse(bytes);
        } catch (ElfFormatException e) {
            throw new IOException("not a usable ELF: " + e.getMessage(), e);
        }
    }

    private Stop replayEndStop() {
        RecordingEnd end = recording.end();
        long at = recording.validUpTo();
        if (recording.damage() != null) {
            return Stop.simple(StopKind.RECORDING_DAMAGED, at, 0, false, recording.damage().describe());
        }
        if (end == null) {
            return Stop.simple(StopKind.RECORDING_DAMAGED, at, 0, false,
                    "the recording is incomplete (no END chunk: the recording run was cut off); it replays up to icount " + at);
        }
        if (end.stopReason().startsWith("EXIT")) {
            return exitEndStop(at, end.stopReason(), end.exitCode());
        }
        return Stop.simple(StopKind.END_OF_RECORDING, at, 0, false, "end of recording (" + end.stopReason() + ")");
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
        return mode == Mode.RECORD ? Math.max(furthest, m.icount()) : endLimit;
    }

    public TimelineInfo info() {
        String problem = divergence != null ? "divergence at icount " + divergence.icount() + ": " + divergence.message()
                : recording != null && recording.damage() != null ? recording.damage().describe() : null;
        boolean complete = mode == Mode.REPLAY ? recording.complete() : endLimit != Long.MAX_VALUE;
        return new TimelineInfo(mode, file, m.icount(), m.hart().pc(), recordedLength(), snapshots.size(),
                snapshots.bytes(), snapshots.budget(), events.size(), digests.size(), output.log().size(), complete,
                problem);
    }

    /** Everything the guest has ever sent, with icounts ({@link OutputLog#bytesBefore} gives "output up to now"). */
    public OutputLog output() {
        return output.log();
    }

    public EventLog events() {
        return events;
    }

    public DigestLog digests() {
        return digests;
    }

    /** The recording as it stands (what {@code RecordingExporter} saves); its END is null while the run goes on. */
    public RecordingFile recordingSoFar() {
        return mode == Mode.REPLAY ? recording : writer.contents(events, digests, stateEdits(), recordedLength());
    }

    /** Icounts of the snapshots currently kept (for diagnostics and tests). */
    public List<Long> snapshotIcounts() {
        return snapshots.icounts();
    }

    public long snapshotBytes() {
        return snapshots.bytes();
    }

    public Divergence divergence() {
        return divergence;
    }

    public void setListener(TimelineListener l) {
        listener = l == null ? new TimelineListener() { } : l;
        output.setListener(l);
    }

    /**
     * Ends the running operation soon (any thread): at the next slice boundary, or at once when the guest sleeps
     * in wfi waiting for outside input (the machine's interrupt() wakes the wait; nothing is recorded for it).
     */
    public void cancel() {
        cancelRequested = true;
        m.interrupt();
    }

    /**
     * Whether the last operation stopped for a PC condition (breakpoint, predicate) that held on the first
     * instruction of a trap handler, reached by entering a trap at this icount. The timeline then shows the state
     * at this icount, which by definition is before the trap entry (the pc is the interrupted or faulting
     * instruction's); {@link #step()} enters the trap and runs that first instruction.
     */
    public boolean stoppedAtTrapEntry() {
        return stoppedAtTrapEntry;
    }

    // ---------------------------------------------------------------- icount breakpoints

    /** Stops forward and reverse runs at exactly this icount; returns an id. */
    public int addIcountBreakpoint(long icount) {
        if (icount < 0) {
            throw new IllegalArgumentException("negative icount " + icount);
        }
        Integer old = icountBreakpoints.get(icount);
        if (old != null) {
            return old;
        }
        int id = nextIcountBreakpointId++;
        icountBreakpoints.put(icount, id);
        return id;
    }

    public boolean removeIcountBreakpoint(int id) {
        return icountBreakpoints.values().remove(id);
    }

    public Map<Long, Integer> icountBreakpoints() {
        return java.util.Collections.unmodifiableMap(icountBreakpoints);
    }

    // ---------------------------------------------------------------- state edits

    /**
     * Why the state cannot be changed here, to follow "cannot change X" (": this is a replay ...", " at icount 5:
     * cannot change the past ..."), or null at the live end of a record session, where it can.
     */
    public String editRefusal() {
        long now = m.icount();
        if (mode != Mode.RECORD) {
            return ": this is a replay of a recording, and its history is fixed (debug in record mode to change the "
                    + "program's state)";
        }
        if (now < furthest) {
            return " at icount " + now + ": cannot change the past (history goes on to icount " + furthest
                    + "; go to the end to change the state)";
        }
        if (endLimit != Long.MAX_VALUE) {
            return ": the program has ended at icount " + endLimit;
        }
        return null;
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
        long now = m.icount();
        StateEdit e = new StateEdit(now, target, index, bytes);
        if (target == StateEdit.Target.MEMORY) {
            long start = index & 0xffffffffL;
            long ramStart = MachineConfig.RAM_BASE & 0xffffffffL;
            if (start < ramStart || start + bytes.length > ramStart + config.ramSize()) {
                throw new IllegalArgumentException(String.format("cannot write 0x%08x..0x%08x: only RAM can be "
                        + "changed (0x%08x..0x%08x)", start, start + bytes.length - 1, ramStart,
                        ramStart + config.ramSize() - 1));
            }
        }
        if (target == StateEdit.Target.CSR && !m.hart().hasCsr(index)) {
            throw new IllegalArgumentException(String.format("no CSR 0x%03x", index));
        }
        apply(e);
        edits.computeIfAbsent(now, k -> new ArrayList<>()).add(e);
        writer.stateEdit(e);
        writer.flush(now);
        return e;
    }

    /** Every state edit of this timeline, in icount order. */
    public List<StateEdit> stateEdits() {
        List<StateEdit> out = new ArrayList<>();
        edits.values().forEach(out::addAll);
        return out;
    }

    /** Edits are absolute writes, so applying the ones of an icount again at that same icount changes nothing. */
    private void applyEditsAt(long icount) {
        List<StateEdit> here = edits.get(icount);
        if (here != null) {
            for (StateEdit e : here) {
                apply(e);
            }
        }
    }

    private void apply(StateEdit e) {
        switch (e.target()) {
            case REGISTER -> m.hart().setX(e.index(), e.value());
            case PC -> m.hart().setPc(e.value());
            case CSR -> m.hart().setCsr(e.index(), e.value());
            case MEMORY -> m.memory().writeBytes(e.index(), e.bytes());
        }
    }

    /** The next icount after {@code now} with state edits (runs end their slices there), or MAX_VALUE. */
    private long nextEditAfter(long now) {
        Long k = edits.isEmpty() ? null : edits.higherKey(now);
        return k == null ? Long.MAX_VALUE : k;
    }

    // ---------------------------------------------------------------- operations

    /** A debugger attached here: keep a snapshot of this exact state. */
    public void attach() {
        ensureSnapshotHere();
    }

    /** Moves to exactly {@code target} (clamped to the recorded range in replay mode), ignoring stop conditions. */
    public Stop seek(long target) {
        begin();
        long from = m.icount();
        Stop s = goTo(Math.max(0, target), "seek");
        return finish(s, StopKind.REACHED, target < from);
    }

    /** One instruction forward (live at the frontier of a record session). */
    public Stop step() {
        begin();
        Stop s = goTo(m.icount() + 1, "step");
        return finish(s, StopKind.REACHED, false);
    }

    /** One instruction back: the state equals a straight run to icount - 1. */
    public Stop stepBack() {
        begin();
        long now = m.icount();
        if (now == 0) {
            return finish(startOfRecording(), null, true);
        }
        Stop s = goTo(now - 1, "step back");
        return finish(s, StopKind.REACHED, true);
    }

    /**
     * Runs forward until a stop condition holds, an icount breakpoint, {@code limit} (absolute icount;
     * Long.MAX_VALUE for none), the end of the recording (replay), exit, idle, or cancel. Starting on a
     * breakpoint does not stop there again. A watchpoint stop is after the accessing instruction.
     */
    public Stop runForward(StopSet stops, long limit) {
        begin();
        long now = m.icount();
        Map.Entry<Long, Integer> bp = icountBreakpoints.higherEntry(now);
        long target = Math.min(limit, bp == null ? Long.MAX_VALUE : bp.getKey());
        if (target <= now) {
            return finish(Stop.simple(StopKind.LIMIT, now, m.hart().pc(), false, "limit"), null, false);
        }
        ArmedStops armed = new ArmedStops(m, stops);
        armed.arm();
        Stop s;
        try {
            s = drive(target, armed, (h, entersTrap) -> ArmedStops.accept(h), false, null, "run");
        } finally {
            armed.disarm();
        }
        if (s == null) {
            if (bp != null && m.icount() == bp.getKey()) {
                s = new Stop(StopKind.ICOUNT_BREAKPOINT, m.icount(), m.hart().pc(), false, bp.getValue(), 0, 0,
                        false, 0, 0, 0, 0, null);
            } else {
                s = Stop.simple(StopKind.LIMIT, m.icount(), m.hart().pc(), false, "limit");
            }
        }
        return finish(s, null, false);
    }

    /**
     * Finds the last icount before the current one at which a stop condition (or an icount
     * breakpoint) holds and goes there; icount 0 with START_OF_RECORDING when there is none.
     * A watchpoint stop is ON the accessing instruction (state before the access).
     */
    public Stop reverseContinue(StopSet stops) {
        begin();
        long origin = m.icount();
        if (origin == 0) {
            return finish(startOfRecording(), null, true);
        }
        Map.Entry<Long, Integer> ibp = icountBreakpoints.lowerEntry(origin);
        long icountStop = ibp == null ? -1 : ibp.getKey();
        ArmedStops armed = new ArmedStops(m, stops);
        boolean keepAll = armed.countsHits();
        List<ScanHit> hits = new ArrayList<>();
        long end = origin;
        long scanned = 0;
        long window = FIRST_SCAN_WINDOW;
        try {
            armed.arm();
            while (true) {
                Map.Entry<Long, TimelineSnapshot> base = snapshots.lower(end);
                long start = base.getKey();
                restore(base.getValue());
                Stop s = null;
                if (end - start > window) {
                    // far from the last snapshot: run there with nothing armed (full speed) and scan only the part
                    // nearest the end first, so a stop just before the origin costs a short scan, not the whole span
                    long from = end - window;
                    armed.disarm();
                    s = drive(from, null, null, false, scanPoints(start, from), "reverse continue");
                    armed.arm();
                    if (s == null) {
                        ensureSnapshotHere();
                        start = from;
                    }
                }
                window = Math.min(window * 8, 1L << 40);
                hits.clear();
                final long windowEnd = end;
                if (s == null) {
                    s = drive(windowEnd, armed, (h, entersTrap) -> {
                        if (h.onIcount() < windowEnd) {
                            if (!keepAll) {
                                hits.clear();
                            }
                            hits.add(new ScanHit(h, entersTrap));
                        }
                        return false;
                    }, true, scanPoints(start, windowEnd), "reverse continue");
                }
                if (s != null && s.kind() != StopKind.EXIT && s.kind() != StopKind.IDLE) {
                    // cancelled or diverged: stay put and say so
                    armed.disarm();
                    if (s.kind() == StopKind.CANCELLED) {
                        cancelRequested = false; // the way back to the origin must not be cancelled too
                        goTo(origin, "return");
                        s = s.at(m.icount(), m.hart().pc(), true);
                    }
                    return finish(s, null, true);
                }
                for (int i = hits.size() - 1; i >= 0; i--) {
                    Hit h = hits.get(i).hit();
                    if (h.onIcount() < icountStop) {
                        break;
                    }
                    if (ArmedStops.accept(h)) {
                        armed.disarm();
                        goTo(h.onIcount(), "reverse continue");
                        stoppedAtTrapEntry = hits.get(i).entersTrap();
                        Stop found = h.stop().at(m.icount(), m.hart().pc(), true);
                        return finish(found, null, true);
                    }
                }
                if (icountStop >= start) {
                    armed.disarm();
                    goTo(icountStop, "reverse continue");
                    return finish(new Stop(StopKind.ICOUNT_BREAKPOINT, m.icount(), m.hart().pc(), true,
                            ibp.getValue(), 0, 0, false, 0, 0, 0, 0, null), null, true);
                }
                scanned += windowEnd - start;
                listener.progress("reverse continue", scanned, origin);
                if (start == 0) {
                    armed.disarm();
                    goTo(0, "reverse continue");
                    return finish(startOfRecording(), null, true);
                }
                end = start;
            }
        } finally {
            armed.disarm();
        }
    }

    /** The first reverse scan window (instructions); each next one is 8 times longer. */
    private static final long FIRST_SCAN_WINDOW = 1L << 16;

    /** A hit a reverse scan window met, and whether it holds on a trap handler's first instruction (see drive). */
    private record ScanHit(Hit hit, boolean entersTrap) { }

    /** Flushes and closes the recording; a record session writes its END chunk at the frontier. */
    @Override
    public void close() throws IOException {
        if (writer != null) {
            if (endLimit == Long.MAX_VALUE) {
                writer.finish(new RecordingEnd(Math.max(furthest, m.icount()), "DETACHED", 0));
            }
            writer.close();
        }
    }

    // ---------------------------------------------------------------- machinery

    private Stop startOfRecording() {
        return Stop.simple(StopKind.START_OF_RECORDING, 0, m.hart().pc(), true, "start of recording");
    }

    private void begin() {
        cancelRequested = false;
        stoppedAtTrapEntry = false;
    }

    /** Common end of every operation: snapshot where the user now is, flush the recording, fix up the stop. */
    private Stop finish(Stop s, StopKind reachedKind, boolean backward) {
        if (s == null) {
            s = Stop.simple(reachedKind == null ? StopKind.REACHED : reachedKind, m.icount(), m.hart().pc(), backward, null);
        } else if (s.icount() != m.icount() || s.pc() != m.hart().pc() || s.backward() != backward) {
            s = s.at(m.icount(), m.hart().pc(), backward);
        }
        // a snapshot at the stop, unless one lies within the slack before it (slack 0: exactly here)
        Map.Entry<Long, TimelineSnapshot> near = snapshots.floor(m.icount());
        if (near == null || m.icount() - near.getKey() > stopSnapshotSlack) {
            takeSnapshot();
        }
        if (writer != null && m.icount() >= furthest) {
            writer.flush(m.icount());
        }
        return s;
    }

    /**
     * Whether a snapshot lies within {@code within} of the planned point p: at or below it, or above it and below
     * target. Stepping back one instruction at a time moves every planned point down by one, just below the one
     * planned by the previous step: that one serves as well.
     */
    private boolean snapshotNear(long p, long within, long target) {
        Map.Entry<Long, TimelineSnapshot> f = snapshots.floor(p);
        if (f != null && p - f.getKey() <= within) {
            return true;
        }
        Map.Entry<Long, TimelineSnapshot> c = snapshots.ceiling(p + 1);
        return c != null && c.getKey() <= p + within && c.getKey() < target;
    }

    /** See {@link #setStopSnapshotSlack}; 0 = a snapshot at every stop. */
    private long stopSnapshotSlack;

    /**
     * Lets a stop skip its snapshot when one is at most this many instructions before it (0, the default: a
     * snapshot at every stop). For a front end that stops very often and looks at little each time, like gdb's
     * reverse-next, which goes back one instruction per request: a snapshot per stop fills the store and makes
     * every stop pay for thinning it, while coming back to such a stop costs only a short replay.
     */
    public void setStopSnapshotSlack(long instructions) {
        if (instructions < 0) {
            throw new IllegalArgumentException("negative slack " + instructions);
        }
        stopSnapshotSlack = instructions;
    }

    /** Restores the best snapshot if going back (or if one is closer than the current state), then replays. */
    private Stop goTo(long target, String task) {
        if (mode == Mode.REPLAY && target > endLimit) {
            target = endLimit;
        }
        long now = m.icount();
        Map.Entry<Long, TimelineSnapshot> base = snapshots.floor(target);
        if (target < now || (base != null && base.getKey() > now)) {
            restore(base.getValue());
        }
        return drive(target, null, null, false, seekPlan(m.icount(), target), task);
    }

    /** Snapshot points a seek leaves before its target, spaced geometrically, so stepping back from there is cheap. */
    private long[] seekPlan(long from, long target) {
        List<Long> pts = new ArrayList<>();
        long near = opts.nearSpacing();
        for (long d = near; d < (1L << 40) && target - d > from + near / 2; d *= 4) {
            long p = target - d;
            if (!snapshotNear(p, d / 2, target)) {
                pts.add(0, p);
            }
        }
        // the stop's own snapshot (see finish): at the target, or with a slack a little before it, where the next
        // steps back (and their stops) use it too
        long p = target - stopSnapshotSlack / 2;
        Map.Entry<Long, TimelineSnapshot> f = snapshots.floor(target);
        if (p > from && (f == null || target - f.getKey() > stopSnapshotSlack)
                && (pts.isEmpty() || pts.get(pts.size() - 1) < p)) {
            pts.add(p);
        }
        return pts.stream().mapToLong(Long::longValue).toArray();
    }

    /** Snapshot points a reverse scan leaves in its window, so the next reverse operation nearby is cheap. */
    private long[] scanPoints(long start, long end) {
        long spacing = Math.max(opts.nearSpacing() * 8, (end - start) / 8);
        List<Long> pts = new ArrayList<>();
        for (long p = start + spacing; p < end; p += spacing) {
            pts.add(p);
        }
        return pts.stream().mapToLong(Long::longValue).toArray();
    }

    private void restore(TimelineSnapshot s) {
        m.restore(s.machine());
        input.setCursor(s.inputCursor());
        output.setCursor(s.outputCursor());
        applyEditsAt(m.icount());
    }

    private void takeSnapshot() {
        long now = m.icount();
        snapshots.put(now, new TimelineSnapshot(m.snapshot(), input.cursor(), output.cursor()), now);
    }

    private void ensureSnapshotHere() {
        if (!snapshots.contains(m.icount())) {
            takeSnapshot();
        }
    }

    interface HitHandler {
        /**
         * True: the run must stop at this hit.
         *
         * @param entersTrap the hit holds on a trap handler's first instruction, reached by a trap entry at its icount
         */
        boolean onHit(Hit h, boolean entersTrap);
    }

    /**
     * The one loop that runs the machine: towards {@code target} in bounded slices, stopping at digest
     * points (record or check), at planned snapshot points, at machine stops (handed to {@code handler}
     * as hits), at the end of history, on divergence and on cancel.
     *
     * <p>The state at icount n is the one on arrival there (docs/machine-api.md): before the step from n, which
     * takes the inputs due at n, skips the time a wfi sleeps, enters a trap, then runs an instruction. A machine
     * stop in the middle of that step (a trap about to be entered after an input or a wake-up, a breakpoint on a
     * handler's first instruction right after the entry) is "unsettled": its hits count at n, but nothing is
     * snapshotted, digested or edited there, and a run that ends there is first put back to the state on arrival.
     * While stops are armed the machine stops before every trap, and the timeline enters traps in a step of
     * its own: a breakpoint met in that step without an instruction retired was reached by the entry.
     *
     * @param checkStart stop conditions may hold at the starting state (reverse scan windows): the machine
     *                   checks them as it would have arriving there; otherwise the start is stepped over
     *                   silently (continuing from a stop), a trap entered there included
     * @return null when target was reached, else the stop that ended the run
     */
    private Stop drive(long target, ArmedStops stops, HitHandler handler, boolean checkStart, long[] plan,
                       String task) {
        long begin = m.icount();
        List<Hit> hits = new ArrayList<>(4);
        boolean stepping = stops != null && stops.needsStepping();
        // lift: the next run is one step with the breakpoint at pc lifted and trap stops off
        boolean lift = false;
        // quiet: a handler breakpoint met by that step's trap entry is the start's own, not a new hit
        boolean quiet = false;
        // icount whose step from it is under way (the state is not the one on arrival), or -1
        long unsettled = -1;
        if (stops != null) {
            if (!checkStart) {
                lift = true;
                quiet = true;
            } else if (stepping) {
                // no machine breakpoints while stepping: evaluate the start here, as every later arrival is
                stops.pcHits(begin, hits);
                for (Hit h : hits) {
                    if (handler.onHit(h, false)) {
                        return h.stop();
                    }
                }
                hits.clear();
            }
        }
        int planIdx = 0;
        long lastProgress = begin;
        while (true) {
            long now = m.icount();
            Divergence d = input.divergence();
            if (d != null) {
                return settle(unsettled, stops, diverged(d));
            }
            if (divergence != null && now >= divergence.icount()) {
                return settle(unsettled, stops, endStop.at(now, m.hart().pc(), false));
            }
            if (cancelRequested) {
                return settle(unsettled, stops, Stop.simple(StopKind.CANCELLED, now, m.hart().pc(), false, "cancelled"));
            }
            if (now >= target && unsettled < 0) {
                return null;
            }
            if (now >= endLimit && unsettled < 0) {
                return endStop.at(now, m.hart().pc(), false);
            }
            while (plan != null && planIdx < plan.length && plan[planIdx] <= now) {
                planIdx++;
            }
            long next = stepping ? now + 1 : sliceEnd(now, target, plan, planIdx);
            boolean lifted = lift;
            StopReason r = lift ? m.stepPastStop() : m.run(next);
            if (lift && r != StopReason.INTERRUPTED) {
                lift = false;
            }
            StopInfo info = m.lastStop();
            long at = m.icount();
            // the lifted breakpoint is off and no instruction retired: only a trap entry can have moved the pc
            boolean trapEntry = lifted && r == StopReason.BREAKPOINT && at == now;
            if (r != StopReason.INTERRUPTED) {
                unsettled = trapEntry || !settled(r) ? at : -1;
            }
            if (unsettled < 0) {
                afterRun(at);
            }
            Divergence dv = input.divergence();
            if (dv != null) {
                return settle(unsettled, stops, diverged(dv));
            }
            if (at - lastProgress >= (1L << 24)) {
                lastProgress = at;
                listener.progress(task, at - begin, target == Long.MAX_VALUE ? -1 : target - begin);
            }
            if (unsettled < 0 && plan != null && planIdx < plan.length && at == plan[planIdx]
                    && !snapshots.contains(at)) {
                takeSnapshot();
            }
            switch (r) {
                case LIMIT, INPUT -> {
                    if (stepping && at < target) {
                        stops.pcHits(at, hits);
                    }
                }
                case BREAKPOINT -> {
                    if (stops != null) {
                        if (!(trapEntry && quiet)) {
                            stops.pcHits(at, hits);
                        }
                        lift = true;
                    }
                }
                case WATCHPOINT -> {
                    if (stops != null) {
                        stops.watchHits(info, hits);
                    }
                }
                case TRAP -> {
                    if (stops != null && stops.trapsArmed()) {
                        hits.add(stops.trapHit(info));
                    }
                    lift = true;
                }
                case EXIT -> {
                    return exited(info);
                }
                case IDLE -> {
                    return idled();
                }
                case TRAP_LOOP -> {
                    return Stop.simple(StopKind.TRAP, at, m.hart().pc(), false,
                            "trap loop: " + (info.description() == null ? "trap entry keeps faulting" : info.description()));
                }
                default -> {
                    // INTERRUPTED: a pause (the loop checks the cancel flag) or a stale request; run on
                }
            }
            if (lifted && r != StopReason.INTERRUPTED) {
                quiet = false;
            }
            if (!hits.isEmpty()) {
                for (Hit h : hits) {
                    if (handler != null && handler.onHit(h, trapEntry)) {
                        stoppedAtTrapEntry = trapEntry;
                        return settle(unsettled, stops, h.stop());
                    }
                }
                hits.clear();
            }
        }
    }

    /** Where a run slice from {@code now} ends: target, history's end, slice size, digest, snapshot and edit points. */
    private long sliceEnd(long now, long target, long[] plan, int planIdx) {
        long next = Math.min(target, endLimit);
        next = Math.min(next, now + opts.sliceInstructions());
        next = Math.min(next, (now / digestInterval + 1) * digestInterval);
        if (now >= furthest) {
            next = Math.min(next, (now / opts.snapshotInterval() + 1) * opts.snapshotInterval());
        }
        if (plan != null && planIdx < plan.length) {
            next = Math.min(next, plan[planIdx]);
        }
        return Math.min(next, nextEditAfter(now));
    }

    /**
     * Whether the machine, stopped, is surely in the state on arrival at its icount. A breakpoint stop comes
     * after the step from {@code at} began when that step took input, woke the hart from wfi or entered a trap (the
     * machine says so); a trap stop always may (the timer or an input made the interrupt pending in that step).
     */
    private boolean settled(StopReason r) {
        switch (r) {
            case TRAP -> {
                // the step from here may already have made the interrupt pending (timer, input, wake-up): rewinding
                // costs a replay from the latest snapshot, and a run only ends on a trap when one is wanted
                return false;
            }
            case BREAKPOINT -> {
                return m.stateIsOnArrival();
            }
            default -> {
                return true;
            }
        }
    }

    /**
     * Ends a run that stops in an unsettled state (see drive): back to the state on arrival at that icount
     * (the latest snapshot at or before it, replayed with the stops taken out of the machine).
     */
    private Stop settle(long unsettled, ArmedStops stops, Stop s) {
        if (unsettled < 0) {
            return s;
        }
        boolean cancel = cancelRequested;
        cancelRequested = false;
        stops.disarm();
        try {
            restore(snapshots.floor(unsettled).getValue());
            drive(unsettled, null, null, false, null, "trap entry");
        } finally {
            stops.arm();
            cancelRequested |= cancel;
        }
        return s;
    }

    /** Bookkeeping after every machine run: divergence checks, digests, frontier, periodic snapshots. */
    private void afterRun(long at) {
        input.checkNotPast(at);
        boolean beyond = at > furthest;
        if (beyond) {
            furthest = at;
            if (mode == Mode.RECORD) {
                input.setFrontier(at);
            }
        }
        if (at % digestInterval == 0) {
            atDigestPoint();
        }
        if (beyond && at % opts.snapshotInterval() == 0 && !snapshots.contains(at)) {
            takeSnapshot();
        }
        // after the digest: the state recorded at an icount is the one before the debugger changed it there
        applyEditsAt(at);
    }

    private void atDigestPoint() {
        long at = m.icount();
        int idx = digests.indexOf(at);
        if (idx >= 0) {
            long now = m.digest();
            if (now != digests.digest(idx) && divergence == null) {
                diverged(new Divergence(at, String.format(
                        "state digest mismatch at icount %d: recorded %016x, replayed %016x%s", at,
                        digests.digest(idx), now, idx > 0 ? " (last match at icount " + digests.icount(idx - 1) + ")" : "")));
            }
        } else if (mode == Mode.RECORD && at > digests.lastIcount() && at >= furthest) {
            long d = m.digest();
            digests.append(at, d);
            writer.value(at, EventKind.DIGEST, d);
            writer.flush(at);
        }
    }

    private Stop diverged(Divergence d) {
        if (divergence == null) {
            divergence = d;
            endStop = Stop.simple(StopKind.DIVERGENCE, d.icount(), 0, false,
                    "replay diverged from the recording at icount " + d.icount() + ": " + d.message());
        }
        endLimit = Math.min(endLimit, Math.max(d.icount(), 0));
        return endStop.at(m.icount(), m.hart().pc(), false);
    }

    private Stop exited(StopInfo info) {
        long at = m.icount();
        String why = "EXIT " + info.exit().kind();
        if (mode == Mode.RECORD && at >= furthest && endLimit == Long.MAX_VALUE) {
            writer.finish(new RecordingEnd(at, why, info.exit().code()));
            endLimit = at;
            endStop = exitEndStop(at, why, info.exit().code());
        }
        return new Stop(StopKind.EXIT, at, m.hart().pc(), false, 0, 0, 0, false, 0, 0, 0, info.exit().code(),
                why.toLowerCase());
    }

    /** What reaching the end of a recording that ends in the program's exit reports. */
    private static Stop exitEndStop(long at, String why, int exitCode) {
        return new Stop(StopKind.EXIT, at, 0, false, 0, 0, 0, false, 0, 0, 0, exitCode,
                "end of recording: the program exited (" + why + ", code " + exitCode + ")");
    }

    private Stop idled() {
        long at = m.icount();
        if (mode == Mode.RECORD && at >= furthest && endLimit == Long.MAX_VALUE) {
            writer.finish(new RecordingEnd(at, "IDLE", 0));
            endLimit = at;
            endStop = Stop.simple(StopKind.END_OF_RECORDING, at, 0, false,
                    "end of recording: the program waits for input that will never come");
        }
        return Stop.simple(StopKind.IDLE, at, m.hart().pc(), false, "waiting for input that will never come");
    }
}
