package dev.backstep.dap;

import dev.backstep.session.BreakpointStatus;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted session for protocol tests: a timeline of 1000 instructions, one source line per 10, "hi\n"
 * printed at icount 50. resume() with {@link #endless} runs until paused; reverseContinue() scans slowly.
 */
final class FakeSession implements DebugSession {
    final LaunchSpec spec;
    final SessionListener listener;
    volatile boolean endless;
    volatile long slowScanMs;
    volatile boolean paused;
    volatile boolean running;
    /** An execution request announced and not called yet (guarded by this). */
    private boolean announced;
    volatile boolean closed;
    final AtomicInteger lineBreakpointCalls = new AtomicInteger();
    List<Integer> breakpointLines = List.of();
    long icount;
    long printedUpTo;

    FakeSession(LaunchSpec spec, SessionListener listener) {
        this.spec = spec;
        this.listener = listener;
    }

    @Override
    public List<ExceptionFilter> exceptionFilters() {
        return ExceptionFilters.BEFORE_LAUNCH;
    }

    @Override
    public List<BreakpointStatus> setLineBreakpoints(String path, List<SourceBreakpoint> bps) {
        lineBreakpointCalls.incrementAndGet();
        List<BreakpointStatus> out = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        int id = 1;
        for (SourceBreakpoint b : bps) {
            out.add(new BreakpointStatus(id++, true, path, b.line(), 0x80000000L + b.line() * 40L, null));
            lines.add(b.line());
        }
        breakpointLines = lines;
        return out;
    }

    @Override
    public List<BreakpointStatus> setFunctionBreakpoints(List<FunctionBreakpoint> bps) {
        return bps.stream().map(b -> new BreakpointStatus(50, false, null, 0, -1, "no function " + b.name())).toList();
    }

    @Override
    public List<BreakpointStatus> setInstructionBreakpoints(List<InstructionBreakpoint> bps) {
        return bps.stream().map(b -> new BreakpointStatus(60, true, null, 0, b.address(), null)).toList();
    }

    @Override
    public List<BreakpointStatus> setDataBreakpoints(List<DataBreakpoint> bps) {
        return bps.stream().map(b -> new BreakpointStatus(70, true, null, 0, 0x80001000L, null)).toList();
    }

    @Override
    public void setExceptionFilters(Set<String> ids) {
    }

    @Override
    public DataBreakpointInfo dataBreakpointInfo(int ref, String name) {
        return new DataBreakpointInfo("0x80001000/4", name + " (4 bytes at 0x80001000)",
                List.of(dev.backstep.session.DataAccess.WRITE), true);
    }

    @Override
    public DataBreakpointInfo dataBreakpointInfoForExpression(String e, int frameId) {
        return dataBreakpointInfo(0, e);
    }

    @Override
    public Stop start() throws SessionException {
        if (spec.stopOnEntry()) {
            return stop(StopReason.ENTRY, Direction.FORWARD, "Paused on entry at icount 0");
        }
        return resume();
    }

    private void runTo(long target) {
        if (printedUpTo < 50 && icount <= 50 && target > 50) {
            listener.output(SessionListener.Category.STDOUT, "hi\n", 50);
            printedUpTo = 51;
        }
        icount = target;
    }

    private Stop stop(StopReason r, Direction d, String description) {
        synchronized (this) {
            announced = false; // the request that was announced has run
        }
        return new Stop(r, d, icount, (int) (0x80000000L + icount * 4), 1, description, List.of(), 0, null);
    }

    @Override
    public Stop resume() {
        begin();
        try {
            if (endless) {
                while (!paused) {
                    Thread.onSpinWait();
                    icount++;
                    if (icount % 100_000 == 0) {
                        Thread.yield();
                    }
                }
                return stop(StopReason.PAUSE, Direction.FORWARD, "Paused at icount " + icount);
            }
            for (int line : breakpointLines) {
                long at = line * 10L;
                if (at > icount) {
                    runTo(at);
                    return new Stop(StopReason.BREAKPOINT, Direction.FORWARD, icount, 0, 1,
                            "Breakpoint at line " + line + " at icount " + icount, List.of(1), 0, null);
                }
            }
            runTo(1000);
            return new Stop(StopReason.EXITED, Direction.FORWARD, icount, 0, 1,
                    "Program exited with code 0 at icount 1000", List.of(), 0, null);
        } finally {
            running = false;
        }
    }

    @Override
    public Stop reverseContinue() {
        begin();
        try {
            long end = System.currentTimeMillis() + slowScanMs;
            while (System.currentTimeMillis() < end) {
                if (paused) {
                    return stop(StopReason.PAUSE, Direction.BACKWARD, "Paused reverse scan at icount " + icount);
                }
                listener.progressUpdate("x", "scanning", 50);
                sleep(5);
            }
            for (int i = breakpointLines.size() - 1; i >= 0; i--) {
                long at = breakpointLines.get(i) * 10L;
                if (at < icount) {
                    icount = at;
                    return new Stop(StopReason.BREAKPOINT, Direction.BACKWARD, icount, 0, 1,
                            "Breakpoint at icount " + icount + " (reverse)", List.of(1), 0, null);
                }
            }
            icount = 0;
            return stop(StopReason.START_OF_RECORDING, Direction.BACKWARD, "Start of recording at icount 0");
        } finally {
            running = false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Stop next(Granularity g) {
        runTo(Math.min(1000, icount + (g == Granularity.INSTRUCTION ? 1 : 10)));
        return stop(StopReason.STEP, Direction.FORWARD, "Paused on step at icount " + icount);
    }

    @Override
    public Stop stepIn(Granularity g) {
        return next(g);
    }

    @Override
    public Stop stepOut() {
        return next(Granularity.LINE);
    }

    @Override
    public Stop stepBack(Granularity g) {
        if (icount == 0) {
            return stop(StopReason.START_OF_RECORDING, Direction.BACKWARD, "Start of recording at icount 0");
        }
        icount = Math.max(0, icount - (g == Granularity.INSTRUCTION ? 1 : 10));
        return stop(StopReason.STEP, Direction.BACKWARD, "Paused on step back at icount " + icount);
    }

    @Override
    public Stop reverseStepIn(Granularity g) {
        return stepBack(g);
    }

    @Override
    public Stop reverseStepOut() {
        icount = Math.max(0, icount - 25);
        return stop(StopReason.STEP, Direction.BACKWARD, "Paused on reverse step out at icount " + icount);
    }

    /** Line N of the fake source runs at icount 10 * N, once. */
    @Override
    public Stop runToLine(String path, int line, Direction direction) throws SessionException {
        long at = line * 10L;
        if (direction == Direction.FORWARD ? at <= icount : at >= icount) {
            throw new SessionException("line " + line + " does not run " + (direction == Direction.FORWARD ? "later" : "earlier"));
        }
        lastRunToLine = path + ":" + line;
        if (direction == Direction.FORWARD) {
            runTo(at);
        } else {
            icount = at;
        }
        return stop(StopReason.STEP, direction, "Paused on run to line at icount " + icount);
    }

    volatile String lastRunToLine;

    @Override
    public Stop seek(long target) {
        runTo(Math.min(1000, target));
        return stop(StopReason.GOTO, target < icount ? Direction.BACKWARD : Direction.FORWARD,
                "Paused at icount " + icount);
    }

    /** The pause contract of DebugSession: a pause once a request has begun (announced or called) ends it. */
    @Override
    public synchronized void announceExecution() {
        announced = true;
        paused = false;
    }

    private synchronized void begin() {
        if (!announced) {
            paused = false;
        }
        announced = false;
        running = true;
    }

    @Override
    public synchronized void pause() {
        if (running || announced) {
            paused = true;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running || announced;
    }

    @Override
    public List<ThreadInfo> threads() {
        return List.of(new ThreadInfo(1, "hart 0"));
    }

    @Override
    public List<StackFrame> stackTrace(int startFrame, int levels) {
        List<StackFrame> all = List.of(
                new StackFrame(1, "leaf", "/src/fake.c", (int) (icount / 10) + 1, 1, 0x80000000L + icount * 4, false, null),
                new StackFrame(2, "middle", "/src/fake.c", 40, 1, 0x80000100L, false, null),
                new StackFrame(3, "main", "/src/fake.c", 50, 1, 0x80000200L, false, null),
                new StackFrame(4, "_start", null, 0, 0, 0x80000000L, false, "_start+0x10"));
        return all;
    }

    @Override
    public List<ScopeInfo> scopes(int frameId) {
        return List.of(new ScopeInfo("Locals", ScopeInfo.Kind.LOCALS, 100, 2, false),
                new ScopeInfo("Registers", ScopeInfo.Kind.REGISTERS, 101, 32, false));
    }

    @Override
    public List<VariableInfo> variables(int ref, boolean hex) throws SessionException {
        if (ref != 100) {
            throw new SessionException("unknown variables reference " + ref);
        }
        return List.of(new VariableInfo("x", hex ? "0x0000002a" : "42", "int", 0, "x", 0x80001000L, 4),
                new VariableInfo("icount", Long.toString(icount), "long", 0, "$icount", -1, 8));
    }

    @Override
    public VariableInfo evaluate(String expression, int frameId, boolean hex) throws SessionException {
        if (expression.equals("x")) {
            return new VariableInfo("x", hex ? "0x0000002a" : "42", "int", 0, "x", 0x80001000L, 4);
        }
        throw new SessionException("unknown variable '" + expression + "'");
    }

    @Override
    public VariableInfo setVariable(int ref, String name, String value) throws SessionException {
        throw new SessionException("cannot change the past: history is read-only before the end of the recording");
    }

    @Override
    public MemoryBlock readMemory(long address, int count) {
        byte[] b = new byte[count];
        for (int i = 0; i < count; i++) {
            b[i] = (byte) (address + i);
        }
        return new MemoryBlock(address, b, 0);
    }

    @Override
    public List<Instruction> disassemble(long address, int instructionOffset, int count) {
        List<Instruction> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long a = address + 4L * (instructionOffset + i);
            out.add(new Instruction(a, "00000013", "nop", i == 0 ? "main" : null, "/src/fake.c", 5));
        }
        return out;
    }

    @Override
    public ExceptionDetails exceptionInfo() {
        return null;
    }

    @Override
    public List<String> loadedSources() {
        return List.of("/src/fake.c");
    }

    @Override
    public List<String> sourceLines(String path) {
        return List.of("int main(void) {", "}");
    }

    @Override
    public SessionInfo info() {
        return new SessionInfo(spec.mode(), spec.program(), spec.recording(), icount, 0, Math.max(icount, printedUpTo),
                false, 3, 12345, 0, 0, 0, null);
    }

    @Override
    public void saveRecording(Path path, boolean overwrite) {
    }

    @Override
    public void close() {
        closed = true;
    }
}
