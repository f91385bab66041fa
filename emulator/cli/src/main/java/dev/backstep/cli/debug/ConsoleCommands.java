package dev.backstep.cli.debug;

import java.util.List;
import java.util.Locale;

/**
 * Every command of the console debugger, once: the console dispatches on {@link Entry#name()} after resolving what
 * was typed here, and both its {@code help} and {@code backstep help debug} print this table, so neither can leave a
 * command out.
 */
final class ConsoleCommands {
    /** A command: its name, the short forms gdb users type, how to call it and what it does. */
    record Entry(String name, List<String> aliases, String usage, String summary) {
        boolean answersTo(String word) {
            return name.equals(word) || aliases.contains(word);
        }
    }

    static final List<Entry> ALL = List.of(
            e("break", "b", "break FILE:LINE | LINE | FUNCTION | *ADDR [if COND]", "set a breakpoint"),
            e("tbreak", "", "tbreak LOCATION [if COND]", "a breakpoint deleted once it stops"),
            e("delete", "d", "delete [N...]", "delete breakpoints (all without N)"),
            e("disable", "", "disable [N...]", "disable breakpoints and watchpoints"),
            e("enable", "", "enable [N...]", "enable them again"),
            e("watch", "", "watch EXPR", "stop when EXPR is written"),
            e("rwatch", "", "rwatch EXPR", "stop when EXPR is read"),
            e("awatch", "", "awatch EXPR", "stop when EXPR is read or written"),
            e("last", "", "last EXPR", "back to the last write of EXPR"),
            e("display", "", "display[/x] [EXPR]", "show EXPR at every stop (alone: now)"),
            e("undisplay", "", "undisplay [N...]", "stop showing them (all without N)"),
            e("continue", "c run r", "continue", "run to a breakpoint or the end"),
            e("next", "n", "next [N]", "next line, over calls"),
            e("step", "s", "step [N]", "next line, into calls"),
            e("stepi", "si", "stepi [N]", "one instruction"),
            e("nexti", "ni", "nexti [N]", "one instruction, over calls"),
            e("finish", "fin", "finish", "until the current function returns"),
            e("reverse-continue", "rc", "reverse-continue", "run back to the last breakpoint hit"),
            e("reverse-next", "rn", "reverse-next [N]", "previous line, over calls"),
            e("reverse-step", "rs", "reverse-step [N]", "previous line, into calls"),
            e("reverse-stepi", "rsi", "reverse-stepi [N]", "one instruction back"),
            e("reverse-nexti", "rni", "reverse-nexti [N]", "one instruction back, over calls"),
            e("reverse-finish", "rf", "reverse-finish", "back to the call of this function"),
            e("advance", "", "advance [FILE:]LINE", "run to the next time LINE runs"),
            e("reverse-advance", "ra", "reverse-advance [FILE:]LINE", "back to the last time LINE ran"),
            e("seek", "goto", "seek ICOUNT | start | end | BOOKMARK", "go to an instruction count"),
            e("bookmark", "", "bookmark [NAME]", "name this icount (alone: list them)"),
            e("print", "p", "print[/x] EXPR", "evaluate a C expression (/x: hex)"),
            e("set", "", "set var EXPR = VALUE | set $REG = VALUE", "change the state (live end only)"),
            e("x", "", "x/NFU ADDR", "memory (F: x d u o t c s i, U: b h w g)"),
            e("backtrace", "bt where", "backtrace", "the stack"),
            e("frame", "f", "frame [N]", "select a frame for print, info, list"),
            e("up", "", "up [N]", "select the caller's frame"),
            e("down", "", "down [N]", "select the callee's frame"),
            e("thread", "", "thread [N]", "select a task's thread (alone: which)"),
            e("reverse-task", "", "reverse-task N", "back to where thread N's task last ran"),
            e("task-switches", "", "task-switches [FROM [TO]]", "which task ran when (icounts)"),
            e("list", "l", "list [LINE | FILE:LINE | FUNCTION]", "source lines (again: the next ten)"),
            e("info", "i", "info [registers|float|breakpoints|watchpoints|locals|display|threads]",
                    "state; alone: the place in the recording"),
            e("help", "h", "help [COMMAND]", "this list, or one command"),
            e("quit", "q exit", "quit", "leave (Ctrl-C only pauses a run)"));

    private ConsoleCommands() {
    }

    private static Entry e(String name, String aliases, String usage, String summary) {
        return new Entry(name, aliases.isEmpty() ? List.of() : List.of(aliases.split(" ")), usage, summary);
    }

    /** The command a typed word names (a name or an alias), or null. */
    static Entry find(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (Entry e : ALL) {
            if (e.answersTo(w)) {
                return e;
            }
        }
        return null;
    }

    /** The whole table: usage, short forms, what it does. */
    static String table() {
        StringBuilder sb = new StringBuilder();
        for (Entry e : ALL) {
            sb.append(line(e)).append('\n');
        }
        return sb.toString();
    }

    /** Width of the usage column: the table fits 79 columns, as picocli's usage help does. */
    private static final int COLUMN = 35;

    static String line(Entry e) {
        String shortForms = e.aliases().isEmpty() ? "" : " (" + String.join(", ", e.aliases()) + ")";
        String left = e.usage() + shortForms;
        return left.length() <= COLUMN ? String.format("  %-" + COLUMN + "s %s", left, e.summary())
                : "  " + left + "\n  " + " ".repeat(COLUMN) + " " + e.summary();
    }
}
