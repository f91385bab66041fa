package dev.backstep.session.internal;

import dev.backstep.debuginfo.DebugInfo;
import dev.backstep.debuginfo.DwarfFormatException;
import dev.backstep.debuginfo.ElfFormatException;
import dev.backstep.debuginfo.frame.Frame;
import dev.backstep.debuginfo.model.Function;
import dev.backstep.machine.Machine;
import dev.backstep.machine.MachineConfig;
import dev.backstep.replay.Timeline;
import dev.backstep.replay.TimelineInfo;
import dev.backstep.replay.TimelineListener;
import dev.backstep.replay.TimelineOptions;
import dev.backstep.replay.stop.StopKind;
import dev.backstep.replay.stop.StopPredicate;
import dev.backstep.replay.stop.StopSet;
import dev.backstep.session.BreakpointStatus;
import dev.backstep.session.DataAccess;
import dev.backstep.session.DataBreakpoint;
import dev.backstep.session.DataBreakpointInfo;
import dev.backstep.session.DebugSession;
import dev.backstep.session.Direction;
import dev.backstep.session.ExceptionDetails;
import dev.backstep.session.ExceptionFilter;
import dev.backstep.session.FunctionBreakpoint;
import dev.backstep.session.Granularity;
import dev.backstep.session.Instruction;
import dev.backstep.session.InstructionBreakpoint;
import dev.backstep.session.LaunchException;
import dev.backstep.session.LaunchSpec;
import dev.backstep.session.MemoryBlock;
import dev.backstep.session.ScopeInfo;
import dev.backstep.session.SessionException;
import dev.backstep.session.SessionInfo;
import dev.backstep.session.SessionListener;
import dev.backstep.session.SourceBreakpoint;
import dev.backstep.session.StackFrame;
import dev.backstep.session.Stop;
import dev.backstep.session.StopReason;
import dev.backstep.session.ThreadInfo;
import dev.backstep.session.VariableInfo;
import dev.backstep.session.internal.expr.CExpression;
import dev.backstep.session.internal.expr.ExprException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** The implementation behind {@link DebugSession#open}: a timeline, its debug info, breakpoints and stepping. */
public final class Session implements DebugSession {
    private static final List<ExceptionFilter> FILTERS = DebugSession.EXCEPTION_FILTERS;

    private final LaunchSpec spec;
    private final Timeline timeline;
    private final Program program;
    private final SessionListener listener;
    private final BreakpointTable breakpoints;
    private final StopSet stops = new StopSet();
    private final SessionOutput output;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<String> filters = new HashSet<>();
    private volatile boolean running;
    private volatile boolean pauseRequested;
    private boolean forward;
    private StateView view;
    /**
     * Inlined levels that begin at the pc and are shown as their call site, not entered yet (as gdb shows them):
     * where a line step or a breakpoint on the call's line stopped. A step into enters one without running.
     */
    private int hiddenInline;
    /** The live input of a RECORD session (null in REPLAY). */
    private ConsoleInput consoleInput;
    private ExceptionDetails lastException;
    private final SourcePaths sources;

    private Session(LaunchSpec spec, Timeline timeline, DebugInfo debug, SessionListener listener) {
        this.spec = spec;
        this.timeline = timeline;
        this.program = new Program(debug);
        this.sources = new SourcePaths(spec.program() != null ? spec.program() : spec.recording());
        this.listener = listener == null ? new SessionListener() { } : listener;
        this.output = new SessionOutput(this.listener);
        this.breakpoints = new BreakpointTable(program, stops, new BreakpointTable.Host() {
            @Override
            public boolean test(String condition) throws ExprException {
                return CExpression.isTrue(condition, topScope());
            }

            @Override
            public String interpolate(String logMessage) {
                return LogMessages.interpolate(logMessage, topScope());
            }

            @Override
            public boolean logging() {
                return forward;
            }

            @Override
            public void log(String text) {
                output.console(text.endsWith("\n") ? text : text + "\n", timeline.icount());
            }
        });
        timeline.setListener(new TimelineListener() {
            @Override
            public void output(byte b, long icount) {
                output.uart(b, icount);
            }

            @Override
            public void progress(String task, long done, long total) {
                output.progress(task, done, total);
            }
        });
    }

    public static DebugSession open(LaunchSpec spec, SessionListener listener) throws LaunchException {
        if (spec == null || spec.mode() == null) {
            throw new LaunchException("mode", "no launch mode: say record or replay");
        }
        if (spec.mode() == LaunchSpec.Mode.REPLAY && spec.recording() == null) {
            throw new LaunchException("recording", "replay mode needs a recording file");
        }
        if (spec.mode() == LaunchSpec.Mode.RECORD && spec.program() == null) {
            throw new LaunchException("program", "no program: give the ELF file to debug");
        }
        if (spec.ramSize() < 0 || spec.snapshotBudget() < 0) {
            throw new LaunchException(spec.ramSize() < 0 ? "ramSize" : "snapshotBudget", "must not be negative");
        }
        byte[] elfBytes = null;
        if (spec.program() != null) {
            elfBytes = readFile(spec.program(), "program", "program");
        }
        TimelineOptions opts;
        try {
            opts = TimelineOptions.defaults().withIndexWindowShift(spec.indexWindowShift());
        } catch (IllegalArgumentException e) {
            throw new LaunchException("indexWindowShift", e.getMessage());
        }
        if (spec.snapshotBudget() > 0) {
            try {
                opts = opts.withMemoryBudget(spec.snapshotBudget());
            } catch (IllegalArgumentException e) {
                throw new LaunchException("snapshotBudget", "snapshot budget " + spec.snapshotBudget() + ": "
                        + e.getMessage());
            }
        }
        Timeline t;
        ConsoleInput consoleInput = null;
        try {
            if (spec.mode() == LaunchSpec.Mode.RECORD) {
                MachineConfig cfg;
                try {
                    cfg = spec.ramSize() > 0 ? MachineConfig.builder().ramSize(spec.ramSize()).build()
                            : MachineConfig.defaults();
                } catch (IllegalArgumentException e) {
                    throw new LaunchException("ramSize", "RAM size " + spec.ramSize() + ": " + e.getMessage());
                }
                byte[] in = spec.input();
                if (in == null && spec.inputFile() != null) {
                    in = readFile(spec.inputFile(), "inputFile", "input file");
                }
                // the launch input, then what the user types (sendInput)
                consoleInput = new ConsoleInput(in);
                t = Timeline.record(spec.program(), spec.recording(), consoleInput, cfg, opts);
            } else {
                if (!Files.isRegularFile(spec.recording())) {
                    throw new LaunchException("recording", "recording file not found: " + spec.recording());
                }
                dev.backstep.replay.format.RecordingFile rec = dev.backstep.replay.format.RecordingReader.read(spec.recording());
                if (elfBytes == null) {
                    elfBytes = rec.elfBytes();
                    if (elfBytes == null) {
                        throw new LaunchException("program", "the recording " + spec.recording()
                                + " does not contain its ELF: give the program as well");
                    }
                }
                t = Timeline.replay(rec, spec.recording(), spec.program(), opts);
            }
        } catch (IOException e) {
            String attr = spec.mode() == LaunchSpec.Mode.REPLAY && e.getMessage() != null
                    && !e.getMessage().contains("ELF") ? "recording" : "program";
            throw new LaunchException(attr, (attr.equals("program") ? spec.program() : spec.recording()) + ": "
                    + e.getMessage(), e);
        }
        DebugInfo debug;
        try {
            debug = DebugInfo.parse(elfBytes);
        } catch (ElfFormatException | DwarfFormatException e) {
            closeQuietly(t);
            throw new LaunchException("program", spec.program() + ": cannot read debug info: " + e.getMessage(), e);
        }
        Session session = new Session(spec, t, debug, listener);
        if (consoleInput != null) {
            session.consoleInput = consoleInput;
            consoleInput.beforeWait(session.output::flush);
        }
        return session;
    }

    private static byte[] readFile(Path p, String attr, String what) throws LaunchException {
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new LaunchException(attr, what + " not found: " + p, e);
        } catch (IOException e) {
            throw new LaunchException(attr, "cannot read " + what + " " + p + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Timeline t) {
        try {
            t.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    private FrameScope topScope() {
        Machine m = timeline.machine();
        Frame f = program.debug().unwind(Target.registers(m), Target.memory(m)).frames().stream().findFirst()
                .orElse(null);
        List<dev.backstep.debuginfo.model.Variable> locals = f == null ? List.of()
                : program.debug().localsAt(f.lookupPc());
        return new FrameScope(program.debug(), m, f, locals);
    }

    // ------------------------------------------------------------ breakpoints

    @Override
    public List<ExceptionFilter> exceptionFilters() {
        return FILTERS;
    }

    @Override
    public List<BreakpointStatus> setLineBreakpoints(String path, List<SourceBreakpoint> bps) throws SessionException {
        enter();
        try {
            return localStatuses(breakpoints.setLine(path, bps == null ? List.of() : bps));
        } finally {
            leave();
        }
    }

    @Override
    public List<BreakpointStatus> setFunctionBreakpoints(List<FunctionBreakpoint> bps) throws SessionException {
        enter();
        try {
            return localStatuses(breakpoints.setFunctions(bps == null ? List.of() : bps));
        } finally {
            leave();
        }
    }

    @Override
    public List<BreakpointStatus> setInstructionBreakpoints(List<InstructionBreakpoint> bps) throws SessionException {
        enter();
        try {
            return localStatuses(breakpoints.setInstructions(bps == null ? List.of() : bps));
        } finally {
            leave();
        }
    }

    @Override
    public List<BreakpointStatus> setDataBreakpoints(List<DataBreakpoint> bps) throws SessionException {
        enter();
        try {
            return localStatuses(breakpoints.setData(bps == null ? List.of() : bps));
        } finally {
            leave();
        }
    }

    @Override
    public void setExceptionFilters(Set<String> ids) throws SessionException {
        enter();
        try {
            for (String id : ids) {
                if (FILTERS.stream().noneMatch(f -> f.id().equals(id))) {
                    throw new SessionException("unknown exception filter '" + id + "' (known: all, exceptions, interrupts)");
                }
            }
            filters.clear();
            filters.addAll(ids);
            boolean all = filters.contains(ExceptionFilter.ALL_TRAPS);
            // by kind, so that reverse scans skip the windows without a trap of that kind (execution index)
            stops.stopOnTraps(all || filters.contains(ExceptionFilter.EXCEPTIONS),
                    all || filters.contains(ExceptionFilter.INTERRUPTS));
        } finally {
            leave();
        }
    }

    @Override
    public DataBreakpointInfo dataBreakpointInfo(int variablesReference, String name) throws SessionException {
        enter();
        try {
            VariableInfo v = view().child(variablesReference, name);
            return dataInfo(v.evaluateName() != null ? v.evaluateName() : name, v.memoryAddress(), v.size());
        } finally {
            leave();
        }
    }

    @Override
    public DataBreakpointInfo dataBreakpointInfoForExpression(String expression, int frameId) throws SessionException {
        enter();
        try {
            VariableInfo v = view().evaluate(expression, frameId, false);
            return dataInfo(expression, v.memoryAddress(), v.size());
        } catch (ExprException e) {
            return new DataBreakpointInfo(null, "cannot watch " + expression + ": " + e.getMessage(), List.of(), false);
        } finally {
            leave();
        }
    }

    private static DataBreakpointInfo dataInfo(String what, long address, long size) {
        if (address < 0) {
            return new DataBreakpointInfo(null, what + " is not in memory (a register or computed value)", List.of(),
                    false);
        }
        if (size <= 0) {
            return new DataBreakpointInfo(null, what + " has no size", List.of(), false);
        }
        return new DataBreakpointInfo(DataIds.of(address, size),
                String.format("%s (%d bytes at 0x%08x)", what, size, address),
                List.of(DataAccess.WRITE, DataAccess.READ, DataAccess.READ_WRITE), true);
    }

    // ------------------------------------------------------------ execution

    @Override
    public Stop start() throws SessionException {
        if (spec.stopOnEntry()) {
            enter();
            try {
                view = null;
                timeline.attach();
                return new Stop(StopReason.ENTRY, Direction.FORWARD, timeline.icount(), timeline.machine().hart().pc(),
                        1, "Paused on entry at icount " + timeline.icount(), List.of(), 0, null);
            } finally {
                leave();
            }
        }
        return resume();
    }

    @Override
    public Stop resume() throws SessionException {
        return execute(true, "continue", () -> runToStop(null, true));
    }

    @Override
    public Stop reverseContinue() throws SessionException {
        return execute(false, "reverse continue", () -> runToStop(null, false));
    }

    @Override
    public Stop runToLine(String path, int line, Direction direction) throws SessionException {
        if (path == null || path.isBlank() || line < 1) {
            throw new SessionException("run to line needs a source file and a line number from 1");
        }
        java.util.Optional<dev.backstep.debuginfo.line.LineTable.LineMatch> m =
                program.debug().breakpointAddresses(path, line);
        if (m.isEmpty() || m.get().addresses().isEmpty()) {
            throw new SessionException("no code at or after line " + line + " of " + BreakpointTable.shortName(path));
        }
        int[] pcs = m.get().addresses().stream().mapToInt(Long::intValue).toArray();
        String where = BreakpointTable.shortName(m.get().file()) + ":" + m.get().line();
        StopPredicate reached = new StopPredicate() {
            @Override
            public int[] candidatePcs() {
                return pcs;
            }

            @Override
            public boolean test(Machine machine, long icount) {
                return true;
            }

            @Override
            public String describe() {
                return where;
            }
        };
        boolean fwd = direction == Direction.FORWARD;
        return execute(fwd, fwd ? "run to " + where : "reverse run to " + where, () -> runToStop(reached, fwd));
    }

    @Override
    public Stop seek(long icount) throws SessionException {
        if (icount < 0) {
            throw new SessionException("icount must not be negative: " + icount);
        }
        boolean fwd = icount >= timeline.icount();
        return execute(fwd, "seek", () -> timeline.seek(icount));
    }

    @Override
    public Stop next(Granularity g) throws SessionException {
        if (g == Granularity.INSTRUCTION) {
            return execute(true, "step", timeline::step);
        }
        return lineStep(true, "step", true, s -> LinePredicates.stepOver(program, s, false));
    }

    @Override
    public Stop stepIn(Granularity g) throws SessionException {
        if (g == Granularity.INSTRUCTION) {
            return execute(true, "step", timeline::step);
        }
        if (hiddenInline > 0) {
            return enterInlined();
        }
        return lineStep(true, "step in", true, s -> LinePredicates.stepInto(program, s, false));
    }

    @Override
    public Stop stepOut() throws SessionException {
        return lineStep(true, "step out", true, s -> {
            List<Frame> frames = s.frames();
            if (s.innermost() != null && s.innermost().isInlined()) {
                long ra = frames.size() > 1 ? frames.get(1).pc() : 0;
                return LinePredicates.leftInlined(program, s, ra);
            }
            if (isTrapVector(frameEntry(s))) {
                // a trap frame returns with mret to mepc (unless the handler changes it, then this runs on)
                int mepc = timeline.machine().hart().csr(CSR_MEPC);
                return LinePredicates.returnedTo(program, s, mepc & 0xffffffffL);
            }
            if (frames.size() < 2) {
                return null;
            }
            return LinePredicates.returnedTo(program, s, frames.get(1).pc());
        });
    }

    @Override
    public Stop stepBack(Granularity g) throws SessionException {
        if (g == Granularity.INSTRUCTION) {
            return execute(false, "step back", timeline::stepBack);
        }
        if (atInlinedEntry()) {
            return moveView(hiddenInline + 1, Direction.BACKWARD, "step back");
        }
        return lineStep(false, "step back", true, s -> LinePredicates.stepOver(program, s, true));
    }

    @Override
    public Stop reverseStepIn(Granularity g) throws SessionException {
        if (g == Granularity.INSTRUCTION) {
            return execute(false, "step back", timeline::stepBack);
        }
        if (atInlinedEntry()) {
            return moveView(hiddenInline + 1, Direction.BACKWARD, "reverse step in");
        }
        return lineStep(false, "reverse step in", false, s -> LinePredicates.stepInto(program, s, true));
    }

    /** Step into at the call site of an inlined copy: the copy begins here, so nothing runs; the view goes in. */
    private Stop enterInlined() throws SessionException {
        return moveView(hiddenInline - 1, Direction.FORWARD, "step in");
    }

    /**
     * Whether the function the user is in is an inlined copy that begins at the pc: stepping back out of its first
     * line leads to its call site, at the same instruction (as stepping back from a called function's first line
     * leads to the call).
     */
    private boolean atInlinedEntry() {
        if (running) {
            return false; // execute() refuses it
        }
        return hiddenInline < program.inlineEntriesAt(timeline.machine().hart().pc() & 0xffffffffL);
    }

    /** A step that only changes how many inlined levels at the pc are entered: the machine stays where it is. */
    private Stop moveView(int hidden, Direction dir, String what) throws SessionException {
        enter();
        try {
            prepare(dir == Direction.FORWARD);
            hiddenInline = hidden;
            return finish(dev.backstep.replay.stop.Stop.simple(StopKind.PREDICATE, timeline.icount(),
                    timeline.machine().hart().pc(), dir == Direction.BACKWARD, null), dir, what);
        } finally {
            leave();
        }
    }

    @Override
    public Stop reverseStepOut() throws SessionException {
        enter();
        try {
            int hidden = hiddenInline;
            prepare(false);
            StepStart s = startHere(hidden);
            long entry = frameEntry(s);
            if (entry < 0) {
                throw new SessionException("cannot tell where the current function starts (no debug info or symbol "
                        + "at pc " + Registers.hex((int) s.pc()) + ")");
            }
            if (s.innermost() != null && s.innermost().isInlined()) {
                return finish(outOfInlinedBackward(s), Direction.BACKWARD, "reverse step out");
            }
            if (s.pc() == entry && timeline.icount() > 0) {
                // on the first instruction already (no frame set up yet, or a leaf that never sets one up):
                // the call, or the instruction that trapped, is the one just before
                return finish(timeline.stepBack(), Direction.BACKWARD, "reverse step out");
            }
            if (isTrapVector(entry)) {
                return finish(beforeTrap(entry), Direction.BACKWARD, "reverse step out");
            }
            StopPredicate p = LinePredicates.entered(program, s, entry);
            dev.backstep.replay.stop.Stop r = runToStop(p, false);
            if (r.kind() == StopKind.PREDICATE && timeline.icount() > 0) {
                r = timeline.stepBack();
                r = r.withMessage(null);
            }
            return finish(r, Direction.BACKWARD, "reverse step out");
        } finally {
            leave();
        }
    }

    /**
     * Reverse step out of an inlined copy: back to the last instruction outside it, then one on, to the copy's first
     * instruction of this run (or to the function's entry, when the copy begins the function), shown as its call
     * site (not entered), as a called function's call instruction is.
     */
    private dev.backstep.replay.stop.Stop outOfInlinedBackward(StepStart s) {
        Function copy = s.innermost();
        Machine m = timeline.machine();
        Function concrete = copy.frameFunction();
        if (s.pc() == concrete.lowPc()) {
            // the copy begins the function and this is its first instruction: nothing of this run lies before
            hiddenInline = Math.max(0, s.inlineDepth(program, s.pc())) + 1;
            return dev.backstep.replay.stop.Stop.simple(StopKind.PREDICATE, timeline.icount(), (int) s.pc(), true, null);
        }
        int[] outside = program.instructionsOutside(concrete, copy, m.memory());
        dev.backstep.replay.stop.Stop r = runToStop(LinePredicates.leftInlinedBackward(program, s, copy, outside,
                concrete.lowPc()), false);
        if (r.kind() != StopKind.PREDICATE) {
            return r;
        }
        if (!copy.contains(m.hart().pc() & 0xffffffffL)) {
            timeline.step();
        }
        long pc = m.hart().pc() & 0xffffffffL;
        int depth = s.inlineDepth(program, pc);
        if (depth >= 0) {
            hiddenInline = depth + 1;
        }
        return r.at(timeline.icount(), (int) pc, true);
    }

    private static final int CSR_MTVEC = 0x305;
    private static final int CSR_MEPC = 0x341;

    /** Whether code at this address is the trap vector (a frame entered by a trap, not by a call). */
    private boolean isTrapVector(long entry) {
        if (entry < 0) {
            return false;
        }
        long tvec = timeline.machine().hart().csr(CSR_MTVEC) & 0xffffffffL;
        long base = tvec & ~3L;
        // vectored mode: one entry per cause, 4 bytes apart
        return (tvec & 3) == 1 ? entry >= base && entry < base + 64 : entry == base;
    }

    /**
     * Reverse step out of a trap frame: back to the state before the trap entry, like the call instruction of a
     * called frame. For an interrupt or a faulting instruction that is the state at the trap's icount, which the
     * timeline shows when it stops on the vector's first instruction (the interrupted code, or the faulting
     * instruction); ecall, ebreak and illegal instructions retire as they trap, so from the vector at the next
     * icount one more step back lands on them. User breakpoints on the way still stop.
     */
    private dev.backstep.replay.stop.Stop beforeTrap(long vector) {
        StopPredicate entered = new StopPredicate() {
            @Override
            public int[] candidatePcs() {
                return new int[] {(int) vector};
            }

            @Override
            public boolean test(Machine m, long icount) {
                return (m.hart().pc() & 0xffffffffL) == vector;
            }
        };
        dev.backstep.replay.stop.Stop r = runToStop(entered, false);
        if (r.kind() == StopKind.PREDICATE && !timeline.stoppedAtTrapEntry() && timeline.icount() > 0) {
            r = timeline.stepBack().withMessage(null);
        }
        return r;
    }

    private long frameEntry(StepStart s) {
        Function f = s.innermost();
        if (f != null) {
            return Program.entryOf(f);
        }
        return program.debug().symbols().containing(s.pc()).map(sym -> sym.value()).orElse(-1L);
    }

    @Override
    public void pause() {
        if (running) {
            pauseRequested = true;
            timeline.cancel();
            ConsoleInput in = consoleInput;
            if (in != null) {
                // a guest waiting for typed input: the timeline's cancel is only seen once the machine stops
                in.interruptWait(() -> timeline.machine().interrupt());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A predicate-driven line step; backward ones are refined to the first statement of the line they land in. */
    /**
     * @param showCallSites whether a stop where inlined code begins shows its call site: yes for steps that meet the
     *                      code from before it; a reverse step in meets it from its end, inside
     */
    private Stop lineStep(boolean fwd, String what, boolean showCallSites,
                          java.util.function.Function<StepStart, StopPredicate> make) throws SessionException {
        enter();
        try {
            int hidden = hiddenInline;
            prepare(fwd);
            StepStart s = startHere(hidden);
            StopPredicate p = make.apply(s);
            dev.backstep.replay.stop.Stop r = runToStop(p, fwd);
            if (fwd && r.kind() == StopKind.PREDICATE && timeline.stoppedAtTrapEntry()) {
                // the step stops on a trap handler's first instruction: the timeline is at the trap's icount, before
                // the entry; one instruction more is inside the handler, where the user asked to go
                timeline.step();
                r = r.at(timeline.icount(), timeline.machine().hart().pc(), false);
            }
            if (!fwd) {
                r = userBreakpointWins(r);
                if (p != null) {
                    r = toLineStart(p, s, r);
                }
            }
            if (r.kind() == StopKind.PREDICATE && showCallSites) {
                hiddenInline = s.hiddenAt(program, timeline.machine().hart().pc() & 0xffffffffL);
            }
            return finish(r, fwd ? Direction.FORWARD : Direction.BACKWARD, what);
        } finally {
            leave();
        }
    }

    /**
     * A reverse step's predicate and a user breakpoint can hold at the same instruction; the reverse scan keeps
     * the last hit, which may be the predicate's. There the user's breakpoint wins, as it does going forward.
     */
    private dev.backstep.replay.stop.Stop userBreakpointWins(dev.backstep.replay.stop.Stop r) {
        if (r.kind() != StopKind.PREDICATE) {
            return r;
        }
        Machine m = timeline.machine();
        int pc = m.hart().pc();
        for (dev.backstep.replay.stop.PcBreakpoint b : stops.breakpoints()) {
            if (b.pc() != pc || (b.condition() != null && !b.condition().test(m))) {
                continue;
            }
            UserBreakpoint u = breakpoints.byStopId(b.id());
            if (u != null && u.hitCondition != null && !u.countHit()) {
                continue;
            }
            return dev.backstep.replay.stop.Stop.breakpoint(timeline.icount(), pc, true, b.id());
        }
        return r;
    }

    /** A statement start a backward step reached, and the CFA there: the piece of a line an earlier one may continue. */
    private record LinePiece(long pc, long cfa, StepStart step) {
        /**
         * Whether a forward line step from the machine's position would go on past this piece (same line, frame,
         * body), that position seen as the step shows it (an inlined copy beginning there as its call site).
         */
        boolean continuedBy(Program program, Machine m) {
            int hidden = step.hiddenAt(program, m.hart().pc() & 0xffffffffL);
            return StepStart.at(m, program, List.of(), hidden).continuesAt(program, pc, cfa);
        }
    }

    /**
     * A backward step lands on the last statement start before here; forward steps skip further statements of the
     * same line in the same frame (unless they restart the line), so keep going back while the previous one is such
     * a statement: the result is where a forward step from there would come here. A breakpoint (or watchpoint, or
     * wanted trap) met on the way back within the line wins: the user's stop is passed before the line start.
     */
    private dev.backstep.replay.stop.Stop toLineStart(StopPredicate p, StepStart step, dev.backstep.replay.stop.Stop r) {
        for (int guard = 0; guard < 256 && r.kind() == StopKind.PREDICATE; guard++) {
            long pc = timeline.machine().hart().pc() & 0xffffffffL;
            long at = timeline.icount();
            if (program.row(pc).isEmpty() || !lineMayBeginBefore(p.candidatePcs(), pc)) {
                // the start of the line's only piece: nothing before can be the same line (gdb stops here too);
                // looking for the previous statement start could run back across a long call to the line before
                return r;
            }
            LinePiece piece = new LinePiece(pc, program.cfa(timeline.machine()), step);
            dev.backstep.replay.stop.Stop earlier = userBreakpointWins(runToStop(p, false));
            switch (earlier.kind()) {
                case PREDICATE -> {
                    if (!piece.continuedBy(program, timeline.machine())) {
                        timeline.seek(at);
                        return r.at(at, (int) pc, true);
                    }
                    r = earlier;
                }
                case BREAKPOINT, WATCHPOINT, TRAP, ICOUNT_BREAKPOINT -> {
                    if (lineContinuesBefore(p, piece)) {
                        return earlier;
                    }
                    UserBreakpoint b = earlier.kind() == StopKind.BREAKPOINT ? breakpoints.byStopId(earlier.breakpointId())
                            : null;
                    if (b != null) {
                        b.uncountHit();
                    }
                    timeline.seek(at);
                    return r.at(at, (int) pc, true);
                }
                case CANCELLED, DIVERGENCE, RECORDING_DAMAGED -> {
                    return earlier;
                }
                default -> {
                    // start of recording: nothing earlier, this piece starts the line
                    timeline.seek(at);
                    return r.at(at, (int) pc, true);
                }
            }
        }
        return r;
    }

    /**
     * Whether an earlier statement start among the candidates could be a piece of the line at pc that a forward step
     * goes on past (so that the line begins before pc): one of the same line, one whose line range holds pc, the same
     * statement start in a line range that pc does not begin, or where inlined code begins (shown as its call site).
     * When none can, pc begins its line, whatever ran before, and the refinement ends without a scan.
     */
    private boolean lineMayBeginBefore(int[] candidates, long pc) {
        dev.backstep.debuginfo.line.LineRow here = program.row(pc).orElse(null);
        if (candidates == null || here == null || program.inlineEntriesAt(pc) > 0) {
            return true;
        }
        for (int c : candidates) {
            long a = c & 0xffffffffL;
            long[] range = program.lineRange(a);
            if (a == pc) {
                if (range != null && pc != range[0]) {
                    return true; // a loop within the line: an earlier pass through the same statement start
                }
                continue;
            }
            if (program.inlineEntriesAt(a) > 0 || (range != null && pc >= range[0] && pc < range[1])) {
                return true;
            }
            dev.backstep.debuginfo.line.LineRow r = program.row(a).orElse(null);
            if (r != null && r.line() == here.line() && r.file().equals(here.file())) {
                return true;
            }
        }
        return false;
    }

    /**
     * At a user stop met while refining: whether the line of {@code piece} started at or before it (so going back
     * to the line start passes the stop). Looks for the previous statement start with the line predicate alone;
     * the position is left wherever the caller wants it, restored to the stop here.
     */
    private boolean lineContinuesBefore(StopPredicate p, LinePiece piece) {
        Machine m = timeline.machine();
        long stopAt = timeline.icount();
        int[] cands = p.candidatePcs();
        boolean candidate = cands == null || java.util.Arrays.stream(cands).anyMatch(c -> c == m.hart().pc());
        if (candidate && p.test(m, stopAt)) {
            return piece.continuedBy(program, m);
        }
        StopSet only = new StopSet().addPredicate(p);
        dev.backstep.replay.stop.Stop prev = timeline.reverseContinue(only);
        boolean continues = prev.kind() == StopKind.PREDICATE && piece.continuedBy(program, m);
        timeline.seek(stopAt);
        return continues;
    }

    private dev.backstep.replay.stop.Stop withPredicate(StopPredicate p,
                                                        Supplier<dev.backstep.replay.stop.Stop> run) {
        stops.addPredicate(p);
        try {
            return run.get();
        } finally {
            stops.removePredicate(p);
        }
    }

    private StepStart startHere(int hidden) {
        return StepStart.at(timeline.machine(), program, view().backtrace().frames(), hidden);
    }

    /** Runs a timeline operation as an execution request. */
    private Stop execute(boolean fwd, String what, Supplier<dev.backstep.replay.stop.Stop> op) throws SessionException {
        enter();
        try {
            prepare(fwd);
            return finish(op.get(), fwd ? Direction.FORWARD : Direction.BACKWARD, what);
        } finally {
            leave();
        }
    }

    /**
     * Runs forward or backward to the next stop of the user's stop set, plus {@code p} if not null, passing the traps
     * the exception filters do not want.
     */
    private dev.backstep.replay.stop.Stop runToStop(StopPredicate p, boolean fwd) {
        Supplier<dev.backstep.replay.stop.Stop> once = fwd ? () -> timeline.runForward(stops, Long.MAX_VALUE)
                : () -> timeline.reverseContinue(stops);
        Supplier<dev.backstep.replay.stop.Stop> run = p == null ? once : () -> withPredicate(p, once);
        dev.backstep.replay.stop.Stop r = run.get();
        for (int guard = 0; guard < 100_000 && r.kind() == StopKind.TRAP && !wanted(r) && !pauseRequested; guard++) {
            r = run.get();
        }
        return r;
    }

    private boolean wanted(dev.backstep.replay.stop.Stop r) {
        boolean interrupt = r.trapCause() < 0;
        return filters.contains(ExceptionFilter.ALL_TRAPS)
                || (interrupt ? filters.contains(ExceptionFilter.INTERRUPTS) : filters.contains(ExceptionFilter.EXCEPTIONS));
    }

    private void prepare(boolean fwd) {
        forward = fwd;
        pauseRequested = false;
        timeline.clearCancel(); // a timeline keeps a cancel that comes between operations: none is for this one yet
        view = null;
        hiddenInline = 0;
        lastException = null;
        for (UserBreakpoint b : breakpoints.all()) {
            b.conditionError = null;
        }
        output.begin();
    }

    private Stop finish(dev.backstep.replay.stop.Stop r, Direction dir, String what) {
        forward = false;
        output.end();
        view = null;
        if (r.kind() == StopKind.BREAKPOINT) {
            hiddenInline = callSiteBreakpoint(r);
        }
        Stop s = StopTranslator.translate(r, dir, what, breakpoints, program, pauseRequested, hiddenInline);
        if (s.reason() == StopReason.EXCEPTION) {
            lastException = Traps.details(r.trapCause(), timeline.machine().hart().pc(), r.trapTval());
        }
        return s;
    }

    private void enter() throws SessionException {
        if (!lock.tryLock()) {
            throw new SessionException("the program is running: pause it first");
        }
        running = true;
    }

    private void leave() {
        running = false;
        lock.unlock();
    }

    /** For queries: refuse while an execution request runs. */
    private void query() throws SessionException {
        if (!lock.tryLock()) {
            throw new SessionException("the program is running: pause it first");
        }
    }

    private StateView view() {
        if (view == null) {
            view = new StateView(program.debug(), timeline.machine(), hiddenInline);
        }
        return view;
    }

    /**
     * A line breakpoint on the line of a call whose inlined copy holds the pc stops at the call site, not in the
     * copy (the user asked for that line): the levels to show as their call site (gdb does the same).
     */
    private int callSiteBreakpoint(dev.backstep.replay.stop.Stop r) {
        UserBreakpoint b = breakpoints.byStopId(r.breakpointId());
        if (b == null || b.kind != UserBreakpoint.Kind.LINE || b.status == null) {
            return hiddenInline;
        }
        long pc = timeline.machine().hart().pc() & 0xffffffffL;
        List<Function> fns = program.functionsAt(pc);
        for (int h = fns.size() - 1; h > 0; h--) {
            Function inlined = fns.get(h - 1);
            if (inlined.isInlined() && inlined.callLine() == b.status.line() && inlined.callFile() != null
                    && b.status.path() != null && BreakpointTable.shortName(inlined.callFile())
                    .equals(BreakpointTable.shortName(b.status.path()))) {
                return h;
            }
        }
        return 0;
    }

    // ------------------------------------------------------------ state

    @Override
    public List<ThreadInfo> threads() {
        return List.of(new ThreadInfo(1, "hart 0"));
    }

    @Override
    public List<StackFrame> stackTrace(int startFrame, int levels) throws SessionException {
        query();
        try {
            List<StackFrame> all = view().stackTrace();
            int from = Math.max(0, Math.min(startFrame, all.size()));
            int to = levels <= 0 ? all.size() : Math.min(all.size(), from + levels);
            List<StackFrame> page = new ArrayList<>();
            for (StackFrame f : all.subList(from, to)) {
                page.add(new StackFrame(f.id(), f.name(), sources.local(f.path()), f.line(), f.column(), f.pc(),
                        f.inlined(), f.symbol()));
            }
            return List.copyOf(page);
        } finally {
            lock.unlock();
        }
    }

    private List<BreakpointStatus> localStatuses(List<BreakpointStatus> statuses) {
        List<BreakpointStatus> out = new ArrayList<>(statuses.size());
        for (BreakpointStatus b : statuses) {
            out.add(new BreakpointStatus(b.id(), b.verified(), sources.local(b.path()), b.line(), b.address(),
                    b.message()));
        }
        return out;
    }

    @Override
    public List<ScopeInfo> scopes(int frameId) throws SessionException {
        query();
        try {
            return view().scopes(frameId);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<VariableInfo> variables(int ref, boolean hex) throws SessionException {
        query();
        try {
            return view().variables(ref, hex);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public VariableInfo evaluate(String expression, int frameId, boolean hex) throws SessionException {
        query();
        try {
            return view().evaluate(expression, frameId, hex);
        } catch (ExprException e) {
            throw new SessionException(e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public VariableInfo setVariable(int ref, String name, String value) throws SessionException {
        query();
        try {
            StateView v = view();
            VariableInfo target = v.child(ref, name);
            refuseUnlessLive(name);
            if (target.evaluateName() == null) {
                throw new SessionException("cannot change " + name + ": it has no expression to assign to");
            }
            int frameId = v.frameOf(ref);
            boolean register = assign(target.evaluateName(), value, frameId, name);
            if (register) {
                // frames hold the registers they were unwound with: unwind again (references of this stop end)
                view = null;
                VariableInfo now = view().evaluate(target.evaluateName(), frameId, target.value().startsWith("0x"));
                return new VariableInfo(name, now.value(), target.type(), 0, target.evaluateName(), -1, target.size());
            }
            v.forgetListings();
            return v.child(ref, name);
        } catch (ExprException e) {
            throw new SessionException(e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public VariableInfo setExpression(String expression, String value, int frameId) throws SessionException {
        query();
        try {
            refuseUnlessLive(expression);
            if (assign(expression, value, frameId, expression)) {
                // frames hold the registers they were unwound with: unwind again
                view = null;
            }
            return view().evaluate(expression, frameId, false);
        } catch (ExprException e) {
            throw new SessionException(e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int writeMemory(long address, byte[] data) throws SessionException {
        query();
        try {
            String what = String.format("memory at 0x%08x", address);
            refuseUnlessLive(what);
            if (data == null || data.length == 0) {
                return 0;
            }
            if (address < 0 || address + data.length > 0x1_0000_0000L) {
                throw new SessionException("cannot change " + what + ": not a 32-bit address range");
            }
            for (int off = 0; off < data.length; off += dev.backstep.replay.format.StateEdit.MAX_BYTES) {
                int n = Math.min(data.length - off, dev.backstep.replay.format.StateEdit.MAX_BYTES);
                edit(what, dev.backstep.replay.format.StateEdit.Target.MEMORY, (int) (address + off),
                        java.util.Arrays.copyOfRange(data, off, off + n));
            }
            view().forgetListings();
            return data.length;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean canChangeState() {
        return timeline.mode() == Timeline.Mode.RECORD && timeline.icount() >= timeline.recordedLength()
                && !timeline.info().complete();
    }

    /** State changes are recorded edits at the live end of a record session; anywhere else history is fixed. */
    private void refuseUnlessLive(String what) throws SessionException {
        String refused = timeline.editRefusal();
        if (refused != null) {
            throw new SessionException("cannot change " + what + refused);
        }
    }

    /**
     * Evaluates the lvalue and the new value in a frame and records the store as a timeline state edit. True when
     * a register changed: the caller unwinds again.
     */
    private boolean assign(String lvalue, String value, int frameId, String what) throws SessionException {
        StateView v = view();
        FrameScope scope = v.scope(frameId);
        dev.backstep.session.internal.expr.ExprValue target;
        byte[] bytes;
        try {
            target = CExpression.evaluate(lvalue, scope);
            bytes = CExpression.assignment(target, value, scope);
        } catch (ExprException e) {
            throw new SessionException("cannot change " + what + ": " + e.getMessage(), e);
        }
        if (target.isLvalue()) {
            edit(what, dev.backstep.replay.format.StateEdit.Target.MEMORY, (int) target.address(), bytes);
            return false;
        }
        int reg = target.register();
        if (reg < 0) {
            throw new SessionException("cannot change " + what + ": it is neither in memory nor in a register of the "
                    + "innermost frame (a computed value, or a register saved by an inner frame)");
        }
        if (reg == 0) {
            throw new SessionException("cannot change " + what + ": x0 (zero) is always 0");
        }
        byte[] word = java.util.Arrays.copyOf(bytes, 4);
        if (bytes.length < 4 && dev.backstep.session.internal.expr.Types.isSigned(target.type())
                && (bytes[bytes.length - 1] & 0x80) != 0) {
            java.util.Arrays.fill(word, bytes.length, 4, (byte) 0xFF);
        }
        if (reg < 32) {
            edit(what, dev.backstep.replay.format.StateEdit.Target.REGISTER, reg, word);
        } else if (reg == dev.backstep.session.internal.expr.ExprValue.PC) {
            edit(what, dev.backstep.replay.format.StateEdit.Target.PC, 0, word);
        } else {
            edit(what, dev.backstep.replay.format.StateEdit.Target.CSR, reg - dev.backstep.session.internal.expr.ExprValue.CSR,
                    word);
        }
        return true;
    }

    private void edit(String what, dev.backstep.replay.format.StateEdit.Target target, int index, byte[] bytes)
            throws SessionException {
        try {
            timeline.edit(target, index, bytes);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new SessionException("cannot change " + what + ": " + e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            throw new SessionException("cannot record the change of " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void sendInput(byte[] bytes) throws SessionException {
        if (bytes == null || bytes.length == 0) {
            return;
        }
        ConsoleInput in = consoleInput;
        if (in == null) {
            throw new SessionException("cannot send input: this is a replay of a recording, and its input is the "
                    + "recorded one (debug in record mode to type input)");
        }
        // while a request runs the bytes are queued for when the program runs live (a guest waiting for them goes on)
        if (lock.tryLock()) {
            try {
                long now = timeline.icount();
                long end = timeline.recordedLength();
                if (now < end) {
                    throw new SessionException("cannot send input at icount " + now + ": this is the recorded past "
                            + "(history goes on to icount " + end + "); go to the end to type input");
                }
                if (timeline.info().complete() && !in.ended()) {
                    throw new SessionException("cannot send input: the program has ended at icount " + now);
                }
            } finally {
                lock.unlock();
            }
        }
        if (!in.push(bytes)) {
            throw new SessionException("cannot send input: the program waited for input while none was queued, "
                    + "so its history ended there (launch with the console input kept open to type while it runs)");
        }
    }

    @Override
    public void keepInputOpen(boolean on) {
        ConsoleInput in = consoleInput;
        if (in != null) {
            in.keepOpen(on);
        }
    }

    @Override
    public MemoryBlock readMemory(long address, int count) throws SessionException {
        query();
        try {
            if (count < 0 || count > (1 << 24)) {
                throw new SessionException("cannot read " + count + " bytes");
            }
            Machine m = timeline.machine();
            byte[] buf = new byte[count];
            int n = 0;
            while (n < count && address + n <= 0xffffffffL && Target.mapped(m, (int) (address + n))) {
                buf[n] = (byte) m.memory().read8((int) (address + n));
                n++;
            }
            return new MemoryBlock(address, java.util.Arrays.copyOf(buf, n), count - n);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Instruction> disassemble(long address, int instructionOffset, int count) throws SessionException {
        query();
        try {
            List<Instruction> out = new ArrayList<>();
            for (Instruction i : new DisassemblyView(program.debug(), timeline.machine())
                    .disassemble(address, instructionOffset, count)) {
                out.add(new Instruction(i.address(), i.bytes(), i.text(), i.symbol(), sources.local(i.path()), i.line()));
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ExceptionDetails exceptionInfo() {
        return lastException;
    }

    @Override
    public List<String> loadedSources() {
        List<String> out = new ArrayList<>();
        for (String f : program.debug().lines().files()) {
            out.add(sources.local(f));
        }
        return List.copyOf(out);
    }

    @Override
    public List<String> sourceLines(String path) {
        return SourceFiles.read(path, program.debug(), sources);
    }

    @Override
    public SessionInfo info() {
        TimelineInfo i = timeline.info();
        return new SessionInfo(spec.mode(), spec.program(), i.file(), i.icount(), i.pc(), i.recordedLength(),
                i.complete(), i.snapshotCount(), i.snapshotBytes(), i.memoryBudget(), i.eventCount(), i.outputBytes(),
                i.problem());
    }

    /** The last list read while stopped: the store is not safe to read while a run changes it. */
    private volatile List<Long> lastSnapshotIcounts = List.of();

    @Override
    public long instructionsExecuted() {
        return timeline.instructionsExecuted(); // a counter: while a run goes on, a value it had lately
    }

    @Override
    public List<Long> snapshotIcounts() {
        if (lock.tryLock()) {
            try {
                lastSnapshotIcounts = List.copyOf(timeline.snapshotIcounts());
            } finally {
                lock.unlock();
            }
        }
        return lastSnapshotIcounts;
    }

    @Override
    public void saveRecording(Path path) throws SessionException {
        query();
        try {
            Path src = timeline.info().file();
            if (src != null && src.toAbsolutePath().normalize().equals(path.toAbsolutePath().normalize())) {
                return; // the session writes there already
            }
            // from memory, launch file or not: a live file has no END yet, the export ends at the frontier
            dev.backstep.replay.format.RecordingFile rec = timeline.recordingSoFar();
            dev.backstep.replay.format.RecordingEnd open = timeline.mode() == Timeline.Mode.RECORD
                    ? new dev.backstep.replay.format.RecordingEnd(rec.validUpTo(), "DETACHED", 0) : null;
            dev.backstep.replay.format.RecordingExporter.export(rec, open, path);
        } catch (IOException e) {
            throw new SessionException("cannot write " + path + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        pause();
        lock.lock();
        try {
            timeline.close();
        } catch (IOException e) {
            output.console("could not finish the recording: " + e.getMessage() + "\n", timeline.icount());
        } finally {
            lock.unlock();
        }
    }

    /** For tests and the console: the timeline's machine state (read only). */
    public Machine machine() {
        return timeline.machine();
    }
}
