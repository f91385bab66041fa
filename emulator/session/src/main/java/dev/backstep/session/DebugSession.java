package dev.backstep.session;

import java.util.function.Consumer;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Source-level debugging of one program over one timeline, in both directions. Protocol-neutral: the DAP server
 * and the console debugger translate to and from this.
 *
 * <h2>Threading</h2>
 * One request at a time. Execution requests ({@link #resume()}, the steps, {@link #seek(long)}...) block until the
 * program stops and return a {@link Stop}; {@link #pause()} may be called from any other thread to end them early.
 * While an execution request runs, state queries fail with {@link SessionException} ("the program is running");
 * {@link #threads()}, {@link #pause()}, {@link #exceptionFilters()} always answer. Frame ids and variables
 * references stay valid until the next execution request.
 *
 * <h2>Pausing</h2>
 * An execution request begins when it is called, or earlier, when a front end {@linkplain #announceExecution()
 * announces} it (a DAP server answers "continue" at once and runs it afterwards on another thread). A pause from the
 * moment a request has begun until it returns ends that request, however early it comes; a pause at any other time
 * does nothing. Nobody needs to repeat a pause.
 *
 * <h2>Position</h2>
 * The time axis is the icount (instructions retired). The state "at icount n" is the one after n instructions.
 * A session opens at icount 0; call {@link #start()} to honour stopOnEntry or run to the first stop.
 * Going forward past the end of what was recorded continues live in RECORD mode and reports END_OF_RECORDING in
 * REPLAY mode. When the guest exits, the session stays: the user can still go back.
 */
public interface DebugSession extends AutoCloseable {

    /** Opens a session at icount 0. Nothing runs yet. */
    static DebugSession open(LaunchSpec spec, SessionListener listener) throws LaunchException {
        return dev.backstep.session.internal.Session.open(spec, listener);
    }

    /**
     * The trap filters every session offers, known before any program is open (a DAP server announces them in its
     * initialize response, which comes before launch). {@link #exceptionFilters()} of a session returns these.
     */
    List<ExceptionFilter> EXCEPTION_FILTERS = List.of(
            new ExceptionFilter(ExceptionFilter.ALL_TRAPS, "All traps", "Stop before entering any trap handler", false),
            new ExceptionFilter(ExceptionFilter.EXCEPTIONS, "Exceptions",
                    "Stop on synchronous exceptions (illegal instruction, access fault, ecall, ebreak)", false),
            new ExceptionFilter(ExceptionFilter.INTERRUPTS, "Interrupts", "Stop on timer, software and external interrupts",
                    false));

    /** The trap filters this session offers (ids from {@link ExceptionFilter}); {@link #EXCEPTION_FILTERS}. */
    List<ExceptionFilter> exceptionFilters();

    // ------------------------------------------------------------ breakpoints (replace per kind, like DAP)

    /** Replaces the line breakpoints of one source file; {@code path} may be absolute or as in the debug info. */
    List<BreakpointStatus> setLineBreakpoints(String path, List<SourceBreakpoint> breakpoints) throws SessionException;

    List<BreakpointStatus> setFunctionBreakpoints(List<FunctionBreakpoint> breakpoints) throws SessionException;

    List<BreakpointStatus> setInstructionBreakpoints(List<InstructionBreakpoint> breakpoints) throws SessionException;

    List<BreakpointStatus> setDataBreakpoints(List<DataBreakpoint> breakpoints) throws SessionException;

    /** Enables exactly these trap filters (ids of {@link #exceptionFilters()}); unknown ids are an error. */
    void setExceptionFilters(Set<String> filterIds) throws SessionException;

    /** Data breakpoint for a child {@code name} of a variables container (a scope or a structured value). */
    DataBreakpointInfo dataBreakpointInfo(int variablesReference, String name) throws SessionException;

    /** Data breakpoint for an lvalue expression ("config.alarm_limit", "*(int*)0x80001000") in a frame (0: top). */
    DataBreakpointInfo dataBreakpointInfoForExpression(String expression, int frameId) throws SessionException;

    // ------------------------------------------------------------ execution

    /** Stops at icount 0 with ENTRY when the launch asked for stopOnEntry, else {@link #resume()}. */
    Stop start() throws SessionException;

    /** Runs forward to the next breakpoint, trap filter, exit, end of recording or pause. */
    Stop resume() throws SessionException;

    /** Runs backward to the last breakpoint / watchpoint / trap-filter hit before now, or to icount 0. */
    Stop reverseContinue() throws SessionException;

    /** Forward step over: the next line start in this frame or an outer one (calls are stepped over). */
    Stop next(Granularity granularity) throws SessionException;

    /** Forward step into: the next line start anywhere with line info (after the callee's prologue). */
    Stop stepIn(Granularity granularity) throws SessionException;

    /** Forward until the current frame has returned (stops at the return address in the caller). */
    Stop stepOut() throws SessionException;

    /** Backward step over: land where a forward {@link #next} from there would come to here. */
    Stop stepBack(Granularity granularity) throws SessionException;

    /** Backward step into: the previous line start anywhere (entering a callee at its last line). */
    Stop reverseStepIn(Granularity granularity) throws SessionException;

    /** Backward to the call instruction of the current frame: the state just before the call into it. */
    Stop reverseStepOut() throws SessionException;

    /**
     * Runs forward or backward to the nearest time the code of a source line runs (the next line with code when
     * it has none), like a temporary breakpoint there: "run to cursor" either way. Breakpoints on the way stop too.
     */
    Stop runToLine(String path, int line, Direction direction) throws SessionException;

    /** Moves to exactly this icount (clamped to the recorded history in REPLAY mode), ignoring breakpoints. */
    Stop seek(long icount) throws SessionException;

    /**
     * Marks the next execution request as begun before it is called, for a front end that answers its client first
     * and runs the request afterwards (on another thread): from this call on, {@link #pause()} ends that request,
     * even when the pause comes before the request has started, and {@link #sendInput} queues input for it. The next
     * execution request called is the announced one. Any thread.
     */
    void announceExecution();

    /**
     * Ends the execution request that has begun (announced or running) early: it returns a PAUSE stop. No effect
     * when none has begun, so nothing stale is left for a later request. Any thread.
     */
    void pause();

    /** Whether an execution request has begun (announced or called) and not returned yet. */
    boolean isRunning();

    // ------------------------------------------------------------ whole-recording queries

    /**
     * The value history of an lvalue's bytes ({@link HistoryQuery#values}, or {@link HistoryQuery#valuesOfData} for
     * a data breakpoint id): every write to them in the range, in icount order, with the writing instruction's place
     * in the source and the value before and after it, formatted by type. Blocks like an execution request (a
     * {@link #pause()} ends it with the entries found so far, {@link HistoryPage#cancelled()}); the position does not
     * change. Entries also go to {@code progressive} (may be null) as they are found. Windows of history where the
     * execution index shows the bytes were never written are not replayed.
     */
    default HistoryPage valueHistory(HistoryQuery query, Consumer<HistoryEntry> progressive) throws SessionException {
        throw new SessionException("value history is not supported by this session");
    }

    /**
     * The line history of a source line or function ({@link HistoryQuery#hits}, {@link HistoryQuery#functionHits}):
     * every time its code runs in the range (where a breakpoint there would stop), with the value of the query's
     * expression at each, if it has one. Otherwise as {@link #valueHistory}.
     */
    default HistoryPage lineHistory(HistoryQuery query, Consumer<HistoryEntry> progressive) throws SessionException {
        throw new SessionException("line history is not supported by this session");
    }

    // ------------------------------------------------------------ state at the current position

    /**
     * The threads: the hart ("hart 0"), or with RTOS awareness one per task (named {@code Rx (blocked, prio 2)},
     * ids stable for the session), plus the hart while the RTOS's scheduler has not started. Answers from any thread
     * (while the program runs: the threads of the last stop).
     */
    List<ThreadInfo> threads();

    /** The RTOS whose tasks are shown as threads ("FreeRTOS"), or null without RTOS awareness. */
    default String rtos() {
        return null;
    }

    /** The RTOS's tasks at the current position, in thread-id order (empty without RTOS awareness). */
    default List<TaskInfo> tasks() throws SessionException {
        return List.of();
    }

    /**
     * The frames of one thread: the running one's from the hart's registers, another task's unwound from the context
     * its kernel saved on its stack (its registers as the task will see them when it runs again). Frame ids of every
     * thread are distinct at one stop, and {@link #scopes}, {@link #variables}, {@link #evaluate} take any of them.
     */
    default List<StackFrame> stackTrace(int threadId, int startFrame, int levels) throws SessionException {
        return stackTrace(startFrame, levels);
    }

    /**
     * Which task ran when in [from, to) of the recorded history (one replay of the range; the position does not
     * change), at most {@code max} switches (0: the bound, 100 000).
     */
    default TaskSwitches taskSwitches(long from, long to, int max) throws SessionException {
        throw new SessionException("no RTOS awareness in this session");
    }

    /**
     * Goes back to where the task of a thread last ran before now (the last instruction it ran before the kernel
     * switched away from it); an error when it has not run before now.
     */
    default Stop reverseToTask(int threadId) throws SessionException {
        throw new SessionException("no RTOS awareness in this session");
    }

    /** Frames innermost first (inlined levels included); {@code levels} 0 = all. */
    List<StackFrame> stackTrace(int startFrame, int levels) throws SessionException;

    List<ScopeInfo> scopes(int frameId) throws SessionException;

    /** Children of a scope or structured value; {@code hex} formats integers in hex. */
    List<VariableInfo> variables(int variablesReference, boolean hex) throws SessionException;

    /**
     * Evaluates a C expression in a frame (frameId 0 or unknown: the top frame; globals only when there is no frame):
     * variables, members {@code a.b} / {@code p->b}, indexing, {@code *p}, {@code &x}, casts {@code (int*)x},
     * arithmetic, comparisons, logic, registers {@code $a0 $pc $sp}, {@code $icount}.
     */
    VariableInfo evaluate(String expression, int frameId, boolean hex) throws SessionException;

    /**
     * An expression's value written as gdb's {@code print} writes it: the whole value, not a one-line summary; a
     * pointer with its type first ({@code (struct task *) 0x80001ae0 <tasks+24>}), a {@code char} pointer with its
     * string, a function as {@code {void (int)} 0x80000a84 <on_tick>}. {@code hex}: as {@code print/x}.
     */
    default String print(String expression, int frameId, boolean hex) throws SessionException {
        return evaluate(expression, frameId, hex).value();
    }

    /**
     * An expression's value as gdb writes values inside others, in {@code info locals} and in frame arguments: as
     * {@link #print} but without a pointer's type.
     */
    default String valueText(String expression, int frameId, boolean hex) throws SessionException {
        return evaluate(expression, frameId, hex).value();
    }

    /**
     * A frame's arguments as gdb's backtrace writes them: {@code t=0x80001ac8 <tasks>, n=3}; aggregates as
     * {@code ...}. Empty for a frame without a function (assembly, a trap).
     */
    default String frameArguments(int frameId) throws SessionException {
        return "";
    }

    /**
     * Changes a variable (a child of a scope or structured value: a local, global, member, element, register or
     * CSR) to the value of a C expression; only live at the end of history in RECORD mode (in the past, and in
     * REPLAY mode, it is refused: history cannot change). The change is recorded in the recording at the current
     * icount, so going back before it shows the old value and every re-execution or replay applies it again.
     * Returns the variable as it now is.
     */
    VariableInfo setVariable(int variablesReference, String name, String value) throws SessionException;

    /**
     * Sets an lvalue expression ("config.alarm_limit", "*(int*)0x80001000", "$a0", "$pc", "$mstatus") to the value
     * of a C expression, in a frame (0: the top frame). Like {@link #setVariable}, only live at the end of history
     * in RECORD mode; the change is recorded, so replays and re-executions see it from this icount on.
     */
    default VariableInfo setExpression(String expression, String value, int frameId) throws SessionException {
        throw new SessionException("changing expressions is not supported by this session");
    }

    /**
     * Writes bytes into guest RAM, live at the end of history in RECORD mode only (recorded like
     * {@link #setVariable}). Returns the number of bytes written (all of them, or an error).
     */
    default int writeMemory(long address, byte[] data) throws SessionException {
        throw new SessionException("writing memory is not supported by this session");
    }

    /** Whether state changes ({@link #setVariable}, {@link #setExpression}, {@link #writeMemory}) are possible here. */
    default boolean canChangeState() {
        return false;
    }

    /**
     * Sends bytes to the guest's UART receiver as live input (typed in a console). Only in RECORD mode at the live
     * end of history (or while the program runs): the bytes are queued after the launch input and the guest gets
     * them when it runs live; the timeline records them as UART_RX events at the icount they arrive, so stepping
     * back across them and replaying the recording give the very same run. Refused with a message in the recorded
     * past, in REPLAY mode, and once the history has ended (the program exited, or it waited for input while none
     * was queued and the input was not {@link #keepInputOpen kept open}). Any thread.
     */
    default void sendInput(byte[] bytes) throws SessionException {
        throw new SessionException("this session takes no input");
    }

    /**
     * Whether a guest that sleeps waiting for UART input with none queued waits for {@link #sendInput} (on: an
     * interactive console; {@link #pause()} ends the wait) or sees the input end, which ends the history (off, the
     * default: right when nobody can type). RECORD mode only; ignored in REPLAY.
     */
    default void keepInputOpen(boolean on) {
    }

    MemoryBlock readMemory(long address, int count) throws SessionException;

    /**
     * The readable part of {@code count} bytes from {@code address}: like {@link #readMemory}, but unreadable bytes
     * at the start are skipped, so the block begins at the first readable byte of the range (a read that starts
     * just below RAM returns the RAM part) and {@code unreadable} counts the bytes after the data. A range with
     * nothing readable gives no bytes at {@code address}.
     */
    default MemoryBlock readReadableMemory(long address, int count) throws SessionException {
        return readMemory(address, count);
    }

    /**
     * {@code count} instructions starting {@code instructionOffset} instructions from {@code address} (negative:
     * before it). Addresses without code give "unknown" entries, never an error.
     */
    List<Instruction> disassemble(long address, int instructionOffset, int count) throws SessionException;

    /** The trap of the last EXCEPTION stop, or null when the last stop was not one. */
    ExceptionDetails exceptionInfo();

    /** Source files of the program (from the line tables), as the debug info names them. */
    List<String> loadedSources();

    /** Reads a source file's lines for display (resolving the debug-info path); empty when it cannot be found. */
    List<String> sourceLines(String path);

    SessionInfo info();

    /**
     * Icounts of the snapshots the timeline keeps now, ascending (for a timeline display: going back to a point just
     * after one is cheap). Answers while the program runs too (possibly slightly stale then).
     */
    default List<Long> snapshotIcounts() {
        return List.of();
    }

    /**
     * Instructions the emulator has executed for this session so far, re-executions for seeks and reverse searches
     * included: what the operations cost, for diagnostics and benchmarks (-1 when not known).
     */
    default long instructionsExecuted() {
        return -1;
    }

    /**
     * Writes the recording made so far (complete with its end) to a file, through a temporary file renamed into
     * place. An existing file is refused unless {@code overwrite}, and never replaced when it is not a regular file
     * or is one the session reads (program, input, replayed recording): {@link OutputFiles}. Saving to the file a
     * record session writes already does nothing.
     */
    void saveRecording(Path path, boolean overwrite) throws SessionException;

    /** {@link #saveRecording(Path, boolean)} that never replaces an existing file. */
    default void saveRecording(Path path) throws SessionException {
        saveRecording(path, false);
    }

    /** Finishes the recording file (if any) and frees the session. */
    @Override
    void close();
}
