package dev.backstep.cli.debug;

import dev.backstep.session.BreakpointStatus;
import dev.backstep.session.DataAccess;
import dev.backstep.session.DataBreakpointInfo;
import dev.backstep.session.DebugSession;
import dev.backstep.session.Direction;
import dev.backstep.session.Granularity;
import dev.backstep.session.Instruction;
import dev.backstep.session.ScopeInfo;
import dev.backstep.session.SessionException;
import dev.backstep.session.SessionInfo;
import dev.backstep.session.StackFrame;
import dev.backstep.session.Stop;
import dev.backstep.session.TaskInfo;
import dev.backstep.session.TaskSwitch;
import dev.backstep.session.TaskSwitches;
import dev.backstep.session.ThreadInfo;
import dev.backstep.session.VariableInfo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command loop of {@code backstep debug}: reads gdb-like commands, runs them on a {@link DebugSession} and
 * prints where each stop is (function, file:line, the source line, icount).
 */
final class Console {
    private final DebugSession session;
    private final BufferedReader in;
    private final PrintStream out;
    private final boolean echo;
    private final boolean prompt;
    private final ConsoleBreakpoints breakpoints;
    private final StopPrinter stops;
    private int listedLine;
    private String listedPath;
    /** The frame print, set, info and list look at (gdb's selected frame): 0 = innermost. */
    private int selectedFrame;
    /** The thread chosen with {@code thread N}; 0: the one that stopped (the running task, or the hart). */
    private int selectedThread;
    /** The thread of the last stop (the running task's, or 1, the hart). */
    private int lastStopThread = 1;
    private final MemoryExaminer examiner;
    private final HistoryCommands history;
    private final java.util.Map<String, Long> bookmarks = new java.util.LinkedHashMap<>();
    /** gdb's display list: number to expression, with /x for hex. */
    private final Map<Integer, Display> displays = new java.util.TreeMap<>();
    private int nextDisplay = 1;
    /** A command is running (Ctrl-C pauses it) rather than the console waiting for one (Ctrl-C: "Quit"). */
    private volatile boolean busy;
    /** Ctrl-C came while the current command ran: no further steps of it, and a script ends. */
    private volatile boolean interrupted;
    /** What Ctrl-C does while a script (not a person at the prompt) waits for its next line. */
    private Runnable scriptInterrupted = () -> { };

    private record Display(String expr, boolean hex) {
        String shown() {
            return (hex ? "/x " : "") + expr;
        }
    }

    Console(DebugSession session, BufferedReader in, PrintStream out, boolean echo, boolean prompt) {
        this.session = session;
        this.in = in;
        this.out = out;
        this.echo = echo;
        this.prompt = prompt;
        this.breakpoints = new ConsoleBreakpoints(session);
        this.stops = new StopPrinter(session, breakpoints, out);
        this.examiner = new MemoryExaminer(session, out);
        this.history = new HistoryCommands(session, out);
    }

    /** What Ctrl-C does in script mode while no command runs (the script waits on its input): end the session. */
    void onScriptInterrupted(Runnable action) {
        this.scriptInterrupted = action;
    }

    /**
     * Ctrl-C, from the signal thread: pauses the running command in either direction, like gdb; at an idle prompt it
     * only says "Quit" (the session and its history stay); a script is ended after the command it is in.
     */
    void interrupt() {
        interrupted = true;
        if (busy) {
            session.pause();
        } else if (prompt) {
            out.print("\nQuit\n(backstep) ");
            out.flush();
        } else {
            scriptInterrupted.run();
        }
    }

    /** Runs until quit or end of input; returns the exit status (130 when Ctrl-C ended a script). */
    int run() throws IOException {
        busy = true;
        try {
            report(session.start());
        } catch (SessionException e) {
            out.println("error: " + e.getMessage());
        } finally {
            busy = false;
        }
        while (true) {
            if (!prompt && interrupted) {
                return dev.backstep.cli.ExitStatus.INTERRUPTED;
            }
            if (prompt) {
                out.print("(backstep) ");
                out.flush();
            }
            String line = in.readLine();
            if (line == null) {
                if (prompt) {
                    out.println("quit"); // Ctrl-D, as gdb answers it
                }
                return 0;
            }
            line = line.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (echo) {
                out.println("(backstep) " + line);
            }
            interrupted = false;
            busy = true;
            try {
                if (!execute(line)) {
                    return 0;
                }
            } catch (SessionException | IllegalArgumentException e) {
                out.println("error: " + e.getMessage());
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                // a bug met by one command is reported in one line; the session and its history stay
                out.println("internal error: " + e + " (the session goes on; please report this)");
            } finally {
                busy = false;
            }
            out.flush();
        }
    }

    /** One command; false to quit. */
    boolean execute(String line) throws SessionException {
        String[] parts = line.split("\\s+", 2);
        String cmd = parts[0];
        String arg = parts.length > 1 ? parts[1].trim() : "";
        int slash = cmd.indexOf('/');
        if (slash > 0) {
            // gdb's format suffix: print/x EXPR
            arg = (cmd.substring(slash) + " " + arg).trim();
            cmd = cmd.substring(0, slash);
        }
        ConsoleCommands.Entry command = ConsoleCommands.find(cmd);
        if (command == null) {
            out.println("unknown command '" + cmd + "' (try 'help')");
            return true;
        }
        switch (command.name()) {
            case "quit" -> {
                return false;
            }
            case "help" -> help(arg);
            case "continue" -> {
                continuing();
                report(session.resume());
            }
            case "next" -> repeat(arg, () -> session.next(Granularity.LINE));
            case "step" -> repeat(arg, () -> session.stepIn(Granularity.LINE));
            case "stepi" -> repeat(arg, () -> session.stepIn(Granularity.INSTRUCTION));
            case "nexti" -> repeat(arg, () -> session.next(Granularity.INSTRUCTION));
            case "finish" -> report(session.stepOut());
            case "reverse-continue" -> {
                continuing();
                report(session.reverseContinue());
            }
            case "reverse-next" -> repeat(arg, () -> session.stepBack(Granularity.LINE));
            case "reverse-step" -> repeat(arg, () -> session.reverseStepIn(Granularity.LINE));
            case "reverse-stepi", "reverse-nexti" -> repeat(arg, () -> session.stepBack(Granularity.INSTRUCTION));
            case "reverse-finish" -> report(session.reverseStepOut());
            case "seek" -> report(session.seek(seekTarget(arg)));
            case "advance" -> advance(arg, Direction.FORWARD);
            case "reverse-advance" -> advance(arg, Direction.BACKWARD);
            case "bookmark" -> bookmark(arg);
            case "break" -> addBreakpoint(arg, false);
            case "tbreak" -> addBreakpoint(arg, true);
            case "display" -> display(arg);
            case "undisplay" -> undisplay(arg);
            case "delete" -> delete(arg);
            case "disable" -> enable(arg, false);
            case "enable" -> enable(arg, true);
            case "watch" -> watch(arg, DataAccess.WRITE);
            case "rwatch" -> watch(arg, DataAccess.READ);
            case "awatch" -> watch(arg, DataAccess.READ_WRITE);
            case "last" -> last(arg);
            case "history" -> history.history(arg, selectedStackFrame().id());
            case "hits" -> history.hits(arg);
            case "print" -> print(arg);
            case "set" -> set(arg);
            case "backtrace" -> backtrace();
            case "thread" -> selectThread(arg);
            case "reverse-task" -> report(session.reverseToTask(count(arg, "reverse-task")));
            case "task-switches" -> taskSwitches(arg);
            case "frame" -> selectFrame(arg.isEmpty() ? selectedFrame : count(arg, "frame"));
            case "up" -> selectFrame(selectedFrame + (arg.isEmpty() ? 1 : count(arg, "up")));
            case "down" -> selectFrame(selectedFrame - (arg.isEmpty() ? 1 : count(arg, "down")));
            case "info" -> info(arg);
            case "list" -> list(arg);
            case "x" -> examine(arg);
            default -> throw new IllegalStateException("command '" + command.name() + "' has no handler");
        }
        return true;
    }

    /**
     * At a terminal, gdb's word that a run of unknown length has begun (Ctrl-C pauses it); scripts stay terse. The run
     * is announced to the session first, so that a Ctrl-C right after the word still ends it.
     */
    private void continuing() {
        session.announceExecution();
        if (prompt) {
            out.println("Continuing.");
            out.flush();
        }
    }

    /** A whole number argument, or a clear error naming the command. */
    private static int count(String arg, String command) {
        try {
            return Integer.parseInt(arg.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(command + " takes a number, not '" + arg + "'");
        }
    }

    interface Step {
        Stop run() throws SessionException;
    }

    private void repeat(String count, Step step) throws SessionException {
        int n = count.isEmpty() ? 1 : count(count, "a step");
        if (n < 1) {
            throw new IllegalArgumentException("a step count is 1 or more");
        }
        Stop last = null;
        for (int i = 0; i < n && (i == 0 || !interrupted); i++) {
            session.announceExecution(); // a Ctrl-C from now on ends this step, however early it comes
            last = step.run();
            if (last.reason() != dev.backstep.session.StopReason.STEP) {
                break;
            }
        }
        report(last);
    }

    // ------------------------------------------------------------ breakpoints

    private void addBreakpoint(String loc, boolean temporary) throws SessionException {
        if (loc.isEmpty()) {
            throw new IllegalArgumentException("break what? file:line, function or *address");
        }
        String cond = null;
        int ifAt = loc.indexOf(" if ");
        if (ifAt > 0) {
            cond = loc.substring(ifAt + 4).trim();
            loc = loc.substring(0, ifAt).trim();
        }
        ConsoleBreakpoint b;
        if (loc.startsWith("*")) {
            b = breakpoints.addInstruction(parseLong(loc.substring(1).trim()), cond);
        } else if (loc.matches(".+:\\d+")) {
            int colon = loc.lastIndexOf(':');
            b = breakpoints.addLine(loc.substring(0, colon), Integer.parseInt(loc.substring(colon + 1)), cond);
        } else if (loc.matches("\\d+")) {
            b = breakpoints.addLine(defaultSourceFile(), Integer.parseInt(loc), cond);
        } else {
            b = breakpoints.addFunction(loc, cond);
        }
        b.temporary = temporary;
        BreakpointStatus st = b.status;
        if (st.verified()) {
            out.printf("%s %d at 0x%08x%s%s%n", b.title(), b.number, st.address(),
                    st.path() != null ? ": " + shortName(st.path()) + ":" + st.line() : "",
                    st.message() != null ? " (" + st.message() + ")" : "");
        } else {
            out.printf("%s %d not set: %s%n", b.title(), b.number, st.message());
        }
    }

    private void watch(String expr, DataAccess access) throws SessionException {
        if (expr.matches("(?i)-?(0x[0-9a-f]+|\\d+)[ul]*")) {
            // gdb refuses this too: a number is a value, not a place; the place is what the cast names
            throw new IllegalArgumentException("Cannot watch constant value '" + expr + "'; to watch the int at that"
                    + " address: watch *(int *)" + expr);
        }
        DataBreakpointInfo info = watchable(expr, "watch");
        if (info == null) {
            return;
        }
        ConsoleBreakpoint b = breakpoints.addWatch(info.dataId(), access, info.description());
        if (b.status.verified()) {
            out.printf("%s %d: %s%n", b.title(), b.number, info.description());
        } else {
            out.printf("%s %d not set: %s%n", b.title(), b.number, b.status.message());
        }
    }

    /** {@code delete} alone removes them all, like gdb; else the listed console numbers. */
    private void delete(String arg) throws SessionException {
        if (arg.isEmpty()) {
            breakpoints.deleteAll();
            return;
        }
        for (int n : numbers(arg)) {
            breakpoints.delete(n);
        }
    }

    private void enable(String arg, boolean on) throws SessionException {
        List<Integer> which = new ArrayList<>();
        if (arg.isEmpty()) {
            breakpoints.all().forEach(b -> which.add(b.number));
        } else {
            which.addAll(numbers(arg));
        }
        for (int n : which) {
            breakpoints.setEnabled(n, on);
        }
    }

    private static List<Integer> numbers(String arg) {
        List<Integer> out = new ArrayList<>();
        for (String t : arg.split("[\\s,]+")) {
            try {
                out.add(Integer.parseInt(t));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a breakpoint number: '" + t + "'");
            }
        }
        return out;
    }

    // ------------------------------------------------------------ state

    private void print(String arg) throws SessionException {
        boolean hex = false;
        if (arg.startsWith("/x")) {
            hex = true;
            arg = arg.substring(2).trim();
        }
        if (arg.isEmpty()) {
            throw new IllegalArgumentException("print what?");
        }
        out.println(arg + " = " + session.print(arg, selectedFrameId(), hex));
    }

    /**
     * {@code set var EXPR = VALUE}, {@code set $reg = VALUE}, {@code set EXPR = VALUE}: a recorded state change at
     * the live end of a record session; the session refuses it in the past and in a replay, saying why.
     */
    private void set(String arg) throws SessionException {
        String a = arg;
        for (String prefix : new String[] {"variable ", "var "}) {
            if (a.startsWith(prefix)) {
                a = a.substring(prefix.length()).trim();
                break;
            }
        }
        int eq = assignmentAt(a);
        if (eq < 0) {
            throw new IllegalArgumentException("set what? set var EXPR = VALUE, or set $REG = VALUE");
        }
        String lvalue = a.substring(0, eq).trim();
        String value = a.substring(eq + 1).trim();
        if (lvalue.isEmpty() || value.isEmpty()) {
            throw new IllegalArgumentException("set var EXPR = VALUE: both sides are needed");
        }
        VariableInfo v = session.setExpression(lvalue, value, selectedFrameId());
        out.println(lvalue + " = " + render(v, false, 0));
    }

    /** What a watchpoint on the expression (in the selected frame) would watch, or null, said why. */
    private DataBreakpointInfo watchable(String expr, String command) throws SessionException {
        if (expr.isEmpty()) {
            throw new IllegalArgumentException(command + " what? an lvalue expression, e.g. config.alarm_limit");
        }
        DataBreakpointInfo info = session.dataBreakpointInfoForExpression(expr, selectedFrameId());
        if (info.dataId() == null) {
            out.println("cannot watch: " + info.description());
            return null;
        }
        return info;
    }

    /**
     * {@code last EXPR}: back to the last write of EXPR before now (UDB's "last"): a write watchpoint and a reverse
     * continue with the other breakpoints and watchpoints set aside, then the watchpoint removed again.
     */
    private void last(String expr) throws SessionException {
        DataBreakpointInfo info = watchable(expr, "last");
        if (info == null) {
            return;
        }
        List<ConsoleBreakpoint> setAside = breakpoints.all().stream().filter(b -> b.enabled).toList();
        for (ConsoleBreakpoint b : setAside) {
            breakpoints.setEnabled(b.number, false);
        }
        ConsoleBreakpoint w = breakpoints.addUnnumberedWatch(info.dataId(), DataAccess.WRITE, info.description());
        try {
            report(session.reverseContinue());
        } finally {
            breakpoints.delete(w.number);
            for (ConsoleBreakpoint b : setAside) {
                breakpoints.setEnabled(b.number, true);
            }
        }
    }

    /** {@code x/NFU ADDR}: the format suffix arrives first in arg ("/4xw &config"), as print's does. */
    private void examine(String arg) throws SessionException {
        String spec = "";
        String expr = arg;
        if (arg.startsWith("/")) {
            int sp = arg.indexOf(' ');
            spec = sp < 0 ? arg.substring(1) : arg.substring(1, sp);
            expr = sp < 0 ? "" : arg.substring(sp + 1).trim();
        }
        examiner.examine(spec, expr.isEmpty() ? -1 : addressOf(expr));
    }

    /** The address an expression names, as gdb's x takes it: a pointer's or integer's value, an array's or object's place. */
    private long addressOf(String expr) throws SessionException {
        VariableInfo v = session.evaluate(expr, selectedFrameId(), true);
        boolean pointer = v.type() != null && v.type().endsWith("*");
        if (v.hasChildren() && !pointer && v.memoryAddress() >= 0) {
            return v.memoryAddress();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(0x[0-9a-fA-F]+|-?\\d+)").matcher(v.value().trim());
        if (!m.find()) {
            throw new IllegalArgumentException("cannot examine " + expr + ": its value " + v.value() + " is not an address");
        }
        String t = m.group(1);
        return t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) & 0xffffffffL : Long.parseLong(t) & 0xffffffffL;
    }

    /** The position of the assignment's '=' (not one of ==, !=, <=, >=), or -1. */
    static int assignmentAt(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '=') {
                continue;
            }
            char before = i > 0 ? s.charAt(i - 1) : ' ';
            char after = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
            if (after == '=') {
                i++;
                continue;
            }
            if (before != '!' && before != '<' && before != '>' && before != '=') {
                return i;
            }
        }
        return -1;
    }

    /** A value with its children inline, like gdb: {alarm_limit = 5, hysteresis = 5, site = "tank-3"}. */
    private String render(VariableInfo v, boolean hex, int depth) throws SessionException {
        if (!v.hasChildren() || depth > 2 || v.type() != null && v.type().endsWith("*")) {
            return v.value();
        }
        List<VariableInfo> kids = session.variables(v.variablesReference(), hex);
        if (v.value().startsWith("\"")) {
            return v.value();
        }
        StringBuilder sb = new StringBuilder("{");
        int n = 0;
        for (VariableInfo k : kids) {
            if (n++ > 0) {
                sb.append(", ");
            }
            if (n > 20) {
                sb.append("...");
                break;
            }
            sb.append(k.name().startsWith("[") ? "" : k.name() + " = ").append(render(k, hex, depth + 1));
        }
        return sb.append('}').toString();
    }

    /**
     * Selects a frame for print, set, info locals/registers and list, as gdb's frame/up/down do; every stop selects
     * the innermost again.
     */
    private void selectFrame(int n) throws SessionException {
        List<StackFrame> frames = frames();
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no stack");
        }
        if (n < 0 || n >= frames.size()) {
            throw new IllegalArgumentException(n < 0 ? "bottom (innermost) frame selected; you cannot go down"
                    : "initial frame selected; you cannot go up (the stack has " + frames.size() + " frames)");
        }
        selectedFrame = n;
        StackFrame f = frames.get(n);
        out.println(frameLine(n, f));
        if (f.hasSource()) {
            listedPath = f.path();
            List<String> src = session.sourceLines(f.path());
            if (f.line() >= 1 && f.line() <= src.size()) {
                out.printf("%d\t%s%n", f.line(), src.get(f.line() - 1));
            }
        }
        listedLine = 0;
    }

    /** The selected thread's frames: the running one's, or another task's (thread N). */
    private List<StackFrame> frames() throws SessionException {
        return selectedThread == 0 ? session.stackTrace(0, 0) : session.stackTrace(selectedThread, 0, 0);
    }

    /** The id of the selected frame (0, the innermost, when the stack is shorter now). */
    private int selectedFrameId() throws SessionException {
        if (selectedFrame == 0 && selectedThread == 0) {
            return 0;
        }
        List<StackFrame> frames = frames();
        return selectedFrame < frames.size() ? frames.get(selectedFrame).id() : 0;
    }

    private StackFrame selectedStackFrame() throws SessionException {
        List<StackFrame> frames = frames();
        return frames.get(selectedFrame < frames.size() ? selectedFrame : 0);
    }

    /**
     * gdb's backtrace: {@code #1  0x8000060e in main () at corrupt.c:58}, arguments in the parentheses, a trap as
     * {@code #2  <machine timer interrupt>}, code nothing names as {@code ?? ()}.
     */
    private void backtrace() throws SessionException {
        List<StackFrame> frames = frames();
        for (int i = 0; i < frames.size(); i++) {
            out.println(frameLine(i, frames.get(i)));
        }
    }

    private String frameLine(int i, StackFrame f) throws SessionException {
        if (f.name().startsWith("<") && !f.hasSource()) {
            return String.format("#%d  %s", i, f.name());
        }
        return String.format("#%d  %s%s (%s)%s", i, i == 0 && f.hasSource() ? "" : String.format("0x%08x in ", f.pc()),
                f.name(), session.frameArguments(f.id()), f.hasSource() ? " at " + shortName(f.path()) + ":" + f.line() : "");
    }

    /** The thread shown as current: the one chosen, else the one that stopped. */
    private int currentThread() {
        return selectedThread != 0 ? selectedThread : lastStopThread;
    }

    /**
     * gdb's {@code info threads}: one line per thread (an RTOS task, or the hart), the current one starred, with
     * where it is: the running task's top frame, another task's where it resumes.
     */
    private void infoThreads() throws SessionException {
        List<ThreadInfo> threads = session.threads();
        out.println("  Id   Target Id                      Frame");
        for (ThreadInfo t : threads) {
            String where;
            try {
                List<StackFrame> fs = session.stackTrace(t.id(), 0, 1);
                where = fs.isEmpty() ? "(no frame)" : frameLine(0, fs.get(0)).substring(4);
            } catch (SessionException e) {
                where = "(" + e.getMessage() + ")";
            }
            out.printf("%s %-4d %-30s %s%n", t.id() == currentThread() ? "*" : " ", t.id(), t.name(), where);
        }
        List<TaskInfo> tasks = session.tasks();
        if (!tasks.isEmpty()) {
            out.println();
            out.printf("%s tasks: %-4s %-12s %-10s %-5s %-23s %s%n", session.rtos(), "Id", "Name", "State", "Prio",
                    "Stack", "Free");
            for (TaskInfo t : tasks) {
                String stack = t.stackHigh() > 0 ? String.format("0x%08x-0x%08x", t.stackLow(), t.stackHigh())
                        : String.format("0x%08x-", t.stackLow());
                out.printf("        %-4d %-12s %-10s %-5d %-23s %s%n", t.threadId(), t.name(), t.state().word(),
                        t.priority(), stack, t.stackFree() >= 0 ? t.stackFree() + " bytes" : "?");
            }
        }
    }

    /** gdb's {@code thread} (which one is current) and {@code thread N} (choose it for bt, print, info, frame). */
    private void selectThread(String arg) throws SessionException {
        List<ThreadInfo> threads = session.threads();
        if (arg.isEmpty()) {
            int id = currentThread();
            String name = threads.stream().filter(t -> t.id() == id).map(ThreadInfo::name).findFirst().orElse("?");
            out.printf("[Current thread is %d (%s)]%n", id, name);
            return;
        }
        int n = count(arg, "thread");
        ThreadInfo t = threads.stream().filter(x -> x.id() == n).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Invalid thread ID: " + n + " (info threads lists them)"));
        List<StackFrame> fs = session.stackTrace(n, 0, 0); // refused here, before anything changes, when unreadable
        selectedThread = n == lastStopThread ? 0 : n;
        selectedFrame = 0;
        out.printf("[Switching to thread %d (%s)]%n", n, t.name());
        if (!fs.isEmpty()) {
            out.println(frameLine(0, fs.get(0)));
        }
    }

    /** {@code task-switches [FROM [TO]]}: which task ran from which icount. */
    private void taskSwitches(String arg) throws SessionException {
        String[] a = arg.isEmpty() ? new String[0] : arg.split("\\s+");
        long from = a.length > 0 ? seekTarget(a[0]) : 0;
        long to = a.length > 1 ? seekTarget(a[1]) : session.info().recordedLength();
        TaskSwitches sw = session.taskSwitches(from, to, 0);
        for (TaskSwitch x : sw.switches()) {
            out.printf("icount %-12d thread %-4d %s%n", x.icount(), x.threadId(), x.name());
        }
        out.printf("%d switches from icount %d to %d%s%n", Math.max(0, sw.switches().size() - 1), sw.from(), sw.to(),
                sw.truncated() ? " (cut short)" : "");
    }

    /** A local as gdb's info locals writes it (the whole value); the session's summary if it cannot be read again. */
    private String localText(VariableInfo v) throws SessionException {
        if (v.evaluateName() == null || v.value().startsWith("<")) {
            return v.value();
        }
        try {
            return session.valueText(v.evaluateName(), selectedFrameId(), false);
        } catch (SessionException e) {
            return v.value();
        }
    }

    private void info(String arg) throws SessionException {
        switch (arg.trim()) {
            case "registers", "reg", "r", "float", "all-registers" -> {
                // info registers: the integer registers; info float: the float ones and fcsr; info all-registers: both
                String want = arg.trim();
                for (ScopeInfo s : session.scopes(selectedStackFrame().id())) {
                    boolean isFloat = s.name().equals("Float Registers");
                    boolean shown = want.equals("all-registers") || (want.equals("float") == isFloat);
                    if (s.kind() == ScopeInfo.Kind.REGISTERS && shown) {
                        for (VariableInfo v : session.variables(s.variablesReference(), true)) {
                            out.printf("%-8s %s%n", v.name(), v.value());
                        }
                    }
                }
            }
            case "breakpoints", "break", "b", "watchpoints" -> BreakpointListing.print(breakpoints.all(), out);
            case "locals" -> {
                int shown = 0;
                for (ScopeInfo s : session.scopes(selectedStackFrame().id())) {
                    if (s.kind() == ScopeInfo.Kind.LOCALS) {
                        for (VariableInfo v : session.variables(s.variablesReference(), false)) {
                            out.println(v.name() + " = " + localText(v));
                            shown++;
                        }
                    }
                }
                if (shown == 0) {
                    out.println("No locals.");
                }
            }
            case "threads", "thread" -> infoThreads();
            case "display" -> {
                if (displays.isEmpty()) {
                    out.println("There are no auto-display expressions now.");
                }
                displays.forEach((n, d) -> out.printf("%d:   y  %s%n", n, d.shown()));
            }
            case "" -> {
                SessionInfo i = session.info();
                out.printf("mode %s, at icount %d (pc 0x%08x) of %d recorded%s%n", i.mode().name().toLowerCase(),
                        i.icount(), i.pc(), i.recordedLength(), i.complete() ? " (complete)" : "");
                out.printf("snapshots: %d, %d KiB of %d MiB; %d input events, %d output bytes%s%n", i.snapshotCount(),
                        i.snapshotBytes() >> 10, i.snapshotBudget() >> 20, i.eventCount(), i.outputBytes(),
                        i.recording() != null ? "; recording " + i.recording() : "");
                if (i.problem() != null) {
                    out.println("problem: " + i.problem());
                }
            }
            default -> throw new IllegalArgumentException("info " + arg
                    + ": not known; info registers, float, all-registers, breakpoints, watchpoints, locals, display,"
                    + " threads, or info alone");
        }
    }

    /**
     * {@code list}: ten lines around the current line (again: the next ten); {@code list LINE}, {@code list
     * FILE:LINE} and {@code list FUNCTION} centre on that line, like gdb.
     */
    private void list(String arg) throws SessionException {
        String a = arg.trim();
        if (a.isEmpty()) {
            if (listedPath == null || listedLine == 0) {
                StackFrame f = selectedStackFrame();
                if (!f.hasSource()) {
                    out.println("no source here (list FUNCTION or FILE:LINE)");
                    return;
                }
                listedPath = f.path();
                listedLine = f.line();
            }
        } else if (a.matches("\\d+")) {
            listedPath = defaultSourceFile();
            listedLine = Integer.parseInt(a);
        } else if (a.matches(".+:\\d+")) {
            int colon = a.lastIndexOf(':');
            listedPath = a.substring(0, colon);
            listedLine = Integer.parseInt(a.substring(colon + 1));
        } else {
            Instruction start = functionStart(a);
            if (start == null || start.path() == null || start.line() <= 0) {
                throw new IllegalArgumentException("Function \"" + a + "\" not defined (or it has no line info).");
            }
            listedPath = start.path();
            listedLine = start.line() + 1;
        }
        List<String> src = session.sourceLines(listedPath);
        if (src.isEmpty()) {
            out.println("cannot read " + listedPath);
            return;
        }
        int from = Math.max(1, listedLine - 5);
        if (from > src.size()) {
            throw new IllegalArgumentException("Line number " + from + " out of range; \"" + shortName(listedPath)
                    + "\" has " + src.size() + " lines.");
        }
        int to = Math.min(src.size(), from + 9);
        for (int n = from; n <= to; n++) {
            out.printf("%d\t%s%n", n, src.get(n - 1));
        }
        listedLine = to + 6;
    }

    /**
     * The source file a bare line number means, as in gdb: the one last listed or stopped in, else the file of
     * {@code main} (the program has not reached any source yet).
     */
    private String defaultSourceFile() throws SessionException {
        if (listedPath != null) {
            return listedPath;
        }
        Instruction main = functionStart("main");
        if (main == null || main.path() == null) {
            throw new IllegalArgumentException("no default source file (no main with line info): give FILE:LINE");
        }
        return main.path();
    }

    /** The first instruction of a function, with its file and line; null when there is no such function. */
    private Instruction functionStart(String name) throws SessionException {
        if (!name.matches("[A-Za-z_][\\w]*")) {
            return null;
        }
        VariableInfo v;
        try {
            v = session.evaluate("&" + name, 0, true);
        } catch (SessionException e) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("0x[0-9a-fA-F]+").matcher(v.value());
        if (!m.find()) {
            return null;
        }
        List<Instruction> first = session.disassemble(Long.parseLong(m.group().substring(2), 16), 0, 1);
        return first.isEmpty() ? null : first.get(0);
    }

    // ------------------------------------------------------------ stops

    private void report(Stop s) throws SessionException {
        listedLine = 0;
        selectedFrame = 0;
        selectedThread = 0; // as gdb: the thread that stopped
        try {
            reportStop(s);
        } finally {
            for (int id : s.hitBreakpointIds()) {
                ConsoleBreakpoint b = breakpoints.bySessionId(id);
                if (b != null && b.temporary) {
                    breakpoints.delete(b.number);
                }
            }
        }
        showDisplays();
    }

    /** gdb's display: expressions printed at every stop, numbered; {@code display/x} shows them in hex. */
    private void display(String arg) throws SessionException {
        boolean hex = false;
        String expr = arg;
        if (expr.startsWith("/x")) {
            hex = true;
            expr = expr.substring(2).trim();
        } else if (expr.startsWith("/")) {
            throw new IllegalArgumentException("display/FMT: only /x is known");
        }
        if (expr.isEmpty()) {
            showDisplays();
            return;
        }
        Display d = new Display(expr, hex);
        displays.put(nextDisplay, d);
        showDisplay(nextDisplay++, d);
    }

    private void undisplay(String arg) {
        if (arg.isEmpty()) {
            displays.clear();
            return;
        }
        for (String n : arg.split("[\\s,]+")) {
            Integer k;
            try {
                k = Integer.valueOf(n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a display number: '" + n + "'");
            }
            if (displays.remove(k) == null) {
                throw new IllegalArgumentException("no display number " + n);
            }
        }
    }

    private void showDisplays() throws SessionException {
        for (Map.Entry<Integer, Display> d : displays.entrySet()) {
            showDisplay(d.getKey(), d.getValue());
        }
    }

    private void showDisplay(int number, Display d) throws SessionException {
        try {
            out.println(number + ": " + d.shown() + " = " + session.print(d.expr(), 0, d.hex()));
        } catch (SessionException e) {
            out.println(number + ": " + d.shown() + " = <" + e.getMessage() + ">");
        }
    }

    private void reportStop(Stop s) throws SessionException {
        if (interrupted && s.reason() == dev.backstep.session.StopReason.PAUSE) {
            out.println("Interrupted (Ctrl-C).");
        }
        if (s.threadId() != lastStopThread && session.rtos() != null) {
            // as gdb says it when another thread stops: here another task runs
            int id = s.threadId();
            String name = session.threads().stream().filter(t -> t.id() == id).map(ThreadInfo::name).findFirst()
                    .orElse("?");
            out.printf("[Switching to thread %d (%s)]%n", id, name);
        }
        lastStopThread = s.threadId();
        StackFrame f = stops.print(s);
        if (f != null && f.hasSource()) {
            listedPath = f.path();
        }
    }

    static String shortName(String path) {
        int i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(i + 1);
    }

    /**
     * {@code advance [FILE:]LINE} / {@code reverse-advance [FILE:]LINE}: to the next or the last time that line runs
     * (a temporary breakpoint either way; breakpoints on the way stop first). Without a file, the current one.
     */
    private void advance(String arg, Direction dir) throws SessionException {
        String a = arg.trim();
        int colon = a.lastIndexOf(':');
        String file = colon > 0 ? a.substring(0, colon) : null;
        String lineText = colon > 0 ? a.substring(colon + 1) : a;
        int line;
        try {
            line = Integer.parseInt(lineText.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException((dir == Direction.FORWARD ? "advance" : "reverse-advance")
                    + " [FILE:]LINE, e.g. corrupt.c:58 or 58");
        }
        if (file == null) {
            StackFrame f = selectedStackFrame();
            if (!f.hasSource()) {
                throw new IllegalArgumentException("no source here: give FILE:LINE");
            }
            file = f.path();
        }
        report(session.runToLine(file, line, dir));
    }

    /** {@code seek} takes an icount, {@code start}, {@code end} (of the recorded history) or a bookmark's name. */
    private long seekTarget(String arg) throws SessionException {
        String a = arg.trim();
        if (a.isEmpty()) {
            throw new IllegalArgumentException("seek where? an icount, start, end or a bookmark");
        }
        if (bookmarks.containsKey(a)) {
            return bookmarks.get(a);
        }
        return switch (a) {
            case "start" -> 0;
            case "end" -> session.info().recordedLength();
            default -> {
                try {
                    yield parseLong(a);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("seek " + a + ": not an icount, start, end or a bookmark"
                            + (bookmarks.isEmpty() ? "" : " (bookmarks: " + String.join(", ", bookmarks.keySet()) + ")"));
                }
            }
        };
    }

    /** {@code bookmark [NAME]} names the current icount for {@code seek NAME}; {@code bookmark} alone lists them. */
    private void bookmark(String arg) throws SessionException {
        String name = arg.trim();
        if (name.isEmpty()) {
            if (bookmarks.isEmpty()) {
                out.println("no bookmarks (bookmark NAME names the current icount)");
            }
            bookmarks.forEach((n, at) -> out.printf("%-16s icount %d%n", n, at));
            return;
        }
        if (!name.matches("[A-Za-z_][\\w.-]*") || name.equals("start") || name.equals("end")) {
            throw new IllegalArgumentException("bookmark " + name + ": a name starts with a letter (not start or end)");
        }
        long at = session.info().icount();
        bookmarks.put(name, at);
        out.printf("bookmark %s at icount %d%n", name, at);
    }

    private static long parseLong(String s) {
        String t = s.trim().replace("_", "");
        if (t.startsWith("0x") || t.startsWith("0X")) {
            return Long.parseLong(t.substring(2), 16);
        }
        return Long.parseLong(t);
    }

    /** {@code help}: every command (the same table as {@code backstep help debug}); {@code help CMD}: that one. */
    private void help(String arg) {
        if (arg.isBlank()) {
            out.print(ConsoleCommands.table());
            return;
        }
        ConsoleCommands.Entry e = ConsoleCommands.find(arg.trim().split("\\s+")[0]);
        if (e == null) {
            throw new IllegalArgumentException("no command '" + arg.trim() + "' (help lists them)");
        }
        out.println(ConsoleCommands.line(e));
    }
}
