package dev.backstep.cli.debug;

import dev.backstep.session.BreakpointStatus;

import java.io.PrintStream;
import java.util.List;

/** {@code info breakpoints}: the console's numbers, kinds, places, conditions and hit counts, like gdb's table. */
final class BreakpointListing {
    private BreakpointListing() {
    }

    static void print(List<ConsoleBreakpoint> bps, PrintStream out) {
        if (bps.isEmpty()) {
            out.println("No breakpoints or watchpoints.");
            return;
        }
        out.printf("%-7s %-15s %-3s %-10s %s%n", "Num", "Type", "Enb", "Address", "What");
        for (ConsoleBreakpoint b : bps) {
            BreakpointStatus st = b.status;
            String address = b.access == null && st != null && st.verified() && st.address() >= 0
                    ? String.format("0x%08x", st.address()) : "";
            out.printf("%-7d %-15s %-3s %-10s %s%n", b.number, b.kind(), b.enabled ? "y" : "n", address, what(b));
            if (b.condition != null) {
                out.println("\tstop only if " + b.condition);
            }
            if (b.hits > 0) {
                out.printf("\t%s already hit %d time%s%n", b.access == null ? "breakpoint" : "watchpoint", b.hits,
                        b.hits == 1 ? "" : "s");
            }
        }
    }

    private static String what(ConsoleBreakpoint b) {
        BreakpointStatus st = b.status;
        if (st == null) {
            return b.what;
        }
        if (!st.verified()) {
            return b.what + " (not set: " + st.message() + ")";
        }
        String place = b.access != null ? b.what
                : st.path() != null ? (b.group == ConsoleBreakpoint.Group.LINE ? "" : b.what + " at ")
                        + Console.shortName(st.path()) + ":" + st.line()
                        : b.what;
        return st.message() != null && b.access == null ? place + " (" + st.message() + ")" : place;
    }
}
