package dev.backstep.cli.debug;

import dev.backstep.session.DebugSession;
import dev.backstep.session.Direction;
import dev.backstep.session.SessionException;
import dev.backstep.session.StackFrame;
import dev.backstep.session.Stop;

import java.io.PrintStream;
import java.util.List;

/**
 * Prints where a stop is, gdb style: "Breakpoint 2, configure () at corrupt.c:26, icount 82" and the source line.
 * Breakpoint and watchpoint stops are told with the console's numbers; the session's description is not echoed for
 * them because it names the session's ids, which the user never sees.
 */
final class StopPrinter {
    private final DebugSession session;
    private final ConsoleBreakpoints breakpoints;
    private final PrintStream out;

    StopPrinter(DebugSession session, ConsoleBreakpoints breakpoints, PrintStream out) {
        this.session = session;
        this.breakpoints = breakpoints;
        this.out = out;
    }

    /** Prints the stop; returns the top frame (null when there is none). */
    StackFrame print(Stop s) throws SessionException {
        List<StackFrame> frames = session.stackTrace(0, 1);
        StackFrame f = frames.isEmpty() ? null : frames.get(0);
        ConsoleBreakpoint b = hit(s);
        String where = where(f, s.icount());
        boolean back = s.direction() == Direction.BACKWARD;
        if (b == null) {
            out.println(s.description());
            if (f != null) {
                out.println(where);
            }
        } else if (b.access == null) {
            b.hits++;
            out.println(b.title() + " " + b.number + ", " + where + (back ? " (reverse)" : "")
                    + (s.text() != null ? "; " + s.text() : ""));
        } else {
            b.hits++;
            // the session's text is the access ("write of 0x... (4 bytes) by pc 0x...") or a condition failure
            out.println((b.number == 0 ? "Last write" : b.title() + " " + b.number) + ": " + b.what
                    + (s.text() != null ? ": " + s.text() : "")
                    + (back ? " (reverse: before the access)" : " (after the access)"));
            out.println(where);
        }
        if (f != null && f.hasSource()) {
            List<String> src = session.sourceLines(f.path());
            String text = f.line() <= src.size() ? src.get(f.line() - 1) : "";
            out.printf("%d\t%s%n", f.line(), text);
        }
        return f;
    }

    /** The console breakpoint the stop names, or null when it names none the console knows. */
    private ConsoleBreakpoint hit(Stop s) {
        for (int id : s.hitBreakpointIds()) {
            ConsoleBreakpoint b = breakpoints.bySessionId(id);
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    private static String where(StackFrame f, long icount) {
        if (f == null) {
            return "at icount " + icount;
        }
        if (f.hasSource()) {
            return String.format("%s () at %s:%d, icount %d", f.name(), Console.shortName(f.path()), f.line(), icount);
        }
        return String.format("0x%08x in %s, icount %d", f.pc(), f.symbol() != null ? f.symbol() : "??", icount);
    }
}
