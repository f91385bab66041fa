package dev.backstep.cli.debug;

import dev.backstep.session.DebugSession;
import dev.backstep.session.HistoryEntry;
import dev.backstep.session.HistoryPage;
import dev.backstep.session.HistoryQuery;
import dev.backstep.session.SessionException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's whole-recording queries: {@code history EXPR [from N] [to N] [--plot FILE.svg [--force]]} lists every
 * write of EXPR (each as it is found) and can plot it; {@code hits FILE:LINE | LINE | FUNCTION [EXPR] [from N] [to N]}
 * lists every execution of a line or entry of a function with EXPR's value there. Entries are numbered with the icount
 * to {@code seek} to.
 */
final class HistoryCommands {
    /** Entries a command prints before it says how to go on. */
    static final int PAGE = 100;
    /** Points a plot takes at most. */
    static final int MAX_PLOT_POINTS = 100_000;

    private final DebugSession session;
    private final PrintStream out;

    HistoryCommands(DebugSession session, PrintStream out) {
        this.session = session;
        this.out = out;
    }

    /** What follows the expression or location: a range, a plot file, whether it may be replaced. */
    private record Options(String rest, long from, long to, Path plot, boolean force) {
    }

    void history(String arg, int frameId) throws SessionException {
        Options o = options(arg, "history EXPR [from N] [to N] [--plot FILE.svg [--force]]");
        if (o.rest().isEmpty()) {
            throw new IllegalArgumentException("history of what? history EXPR [from N] [to N] [--plot FILE.svg]");
        }
        HistoryQuery q = HistoryQuery.values(o.rest(), frameId).range(o.from(), o.to());
        if (o.plot() != null) {
            plot(q, o);
            return;
        }
        int[] n = {0};
        HistoryPage p = session.valueHistory(q.limit(PAGE), e -> {
            if (n[0]++ == 0) {
                out.println("  #   icount        where                              value");
            }
            out.printf("  %-3d %-13d %-34s %s -> %s%s%n", n[0], e.icount(), where(e), e.oldValue(), e.value(),
                    e.changed() ? "" : "  (same value)");
            out.flush();
        });
        out.printf("%s%s: %s at the start; %s.%n", p.subject(), p.type() == null ? "" : ", " + p.type(), p.initial(),
                count(p.entries().size(), "write"));
        ending(p, "history " + o.rest());
        if (!p.entries().isEmpty()) {
            out.println("seek ICOUNT shows the state just after a write; seek ICOUNT-1 the one just before it"
                    + " (on the writing line).");
        }
    }

    void hits(String arg) throws SessionException {
        Options o = options(arg, "hits FILE:LINE | LINE | FUNCTION [EXPR] [from N] [to N]");
        if (o.plot() != null) {
            throw new IllegalArgumentException("--plot is for history EXPR");
        }
        String[] parts = o.rest().split("\\s+", 2);
        if (parts[0].isEmpty()) {
            throw new IllegalArgumentException("hits of what? hits FILE:LINE | LINE | FUNCTION [EXPR]");
        }
        String where = parts[0];
        String expr = parts.length > 1 ? parts[1] : null;
        HistoryQuery q;
        int colon = where.lastIndexOf(':');
        if (colon > 0 && where.substring(colon + 1).matches("\\d+")) {
            q = HistoryQuery.hits(where.substring(0, colon), Integer.parseInt(where.substring(colon + 1)), expr);
        } else if (where.matches("\\d+")) {
            dev.backstep.session.StackFrame f = session.stackTrace(0, 1).isEmpty() ? null : session.stackTrace(0, 1).get(0);
            if (f == null || !f.hasSource()) {
                throw new IllegalArgumentException("no source here: give FILE:LINE");
            }
            q = HistoryQuery.hits(f.path(), Integer.parseInt(where), expr);
        } else {
            q = HistoryQuery.functionHits(where, expr);
        }
        int[] n = {0};
        HistoryPage p = session.lineHistory(q.range(o.from(), o.to()).limit(PAGE), e -> {
            if (n[0]++ == 0) {
                out.println("  #   icount        where" + (expr == null ? "" : "                              " + expr));
            }
            out.printf("  %-3d %-13d %s%n", n[0], e.icount(), expr == null ? where(e)
                    : String.format("%-34s %s", where(e), e.value()));
            out.flush();
        });
        out.printf("%s: %s.%n", p.subject(), count(p.entries().size(), "hit"));
        ending(p, "hits " + o.rest());
    }

    private void ending(HistoryPage p, String again) {
        if (p.cancelled()) {
            out.printf("Interrupted at icount %d: '%s from %d' goes on.%n", p.next(), again, p.next());
        } else if (p.more()) {
            out.printf("More after icount %d: '%s from %d' lists them.%n", p.next() - 1, again, p.next());
        }
    }

    private void plot(HistoryQuery q, Options o) throws SessionException {
        if (!o.plot().getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".svg")) {
            throw new IllegalArgumentException("the plot is an SVG file: give a name ending in .svg");
        }
        Path dir = o.plot().toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("cannot write " + o.plot() + ": the folder " + dir + " does not exist");
        }
        if (Files.exists(o.plot()) && !o.force()) {
            throw new IllegalArgumentException(o.plot() + " exists: add --force to replace it");
        }
        List<SvgPlot.Point> points = new ArrayList<>();
        HistoryPage first = null;
        HistoryPage p;
        long from = q.from();
        do {
            p = session.valueHistory(q.range(from, q.to()).limit(HistoryQuery.MAX_ENTRIES), null);
            if (first == null) {
                first = p;
            }
            for (HistoryEntry e : p.entries()) {
                if (e.number() == null) {
                    throw new IllegalArgumentException("cannot plot " + p.subject() + ": its values are not numbers"
                            + (p.type() == null ? "" : " (" + p.type() + ")"));
                }
                points.add(new SvgPlot.Point(e.icount(), e.number(), "icount " + e.icount() + ": " + where(e) + " "
                        + e.oldValue() + " -> " + e.value()));
            }
            from = p.next();
        } while (p.more() && !p.cancelled() && points.size() < MAX_PLOT_POINTS);
        Double start = parseNumber(first.initial());
        long end = Math.min(q.end(), session.info().recordedLength());
        String svg = SvgPlot.render(first.subject() + (first.type() == null ? "" : ", " + first.type()), q.from(), start,
                points, end);
        try (OutputStream f = Files.newOutputStream(o.plot(), o.force()
                ? new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE}
                : new StandardOpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE})) {
            f.write(svg.getBytes(StandardCharsets.UTF_8));
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(o.plot() + " exists: add --force to replace it");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + o.plot() + ": " + e.getMessage());
        }
        out.printf("Plotted %s of %s to %s%s.%n", count(points.size(), "write"), first.subject(), o.plot(),
                p.more() ? " (stopped at icount " + p.next() + ": " + (p.cancelled() ? "interrupted" : "too many points")
                        + ")" : "");
    }

    private static Double parseNumber(String initial) {
        if (initial == null) {
            return null;
        }
        try {
            return Double.parseDouble(initial.split(" ")[0]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String where(HistoryEntry e) {
        String file = e.path() == null ? null : e.path().substring(e.path().lastIndexOf('/') + 1);
        return e.function() + (file == null ? "" : " (" + file + ":" + e.line() + ")");
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static Options options(String arg, String usage) {
        List<String> rest = new ArrayList<>();
        String[] words = arg.trim().isEmpty() ? new String[0] : arg.trim().split("\\s+");
        long from = 0;
        long to = Long.MAX_VALUE;
        Path plot = null;
        boolean force = false;
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            switch (w) {
                case "from", "to" -> {
                    if (i + 1 >= words.length) {
                        throw new IllegalArgumentException("'" + w + "' needs an icount: " + usage);
                    }
                    long v;
                    try {
                        v = Long.decode(words[++i].replace("_", ""));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + w + " " + words[i] + "': not an icount; " + usage);
                    }
                    if (v < 0) {
                        throw new IllegalArgumentException("'" + w + " " + v + "': icounts start at 0");
                    }
                    if (w.equals("from")) {
                        from = v;
                    } else {
                        to = v;
                    }
                }
                case "--plot" -> {
                    if (i + 1 >= words.length) {
                        throw new IllegalArgumentException("--plot needs a file: " + usage);
                    }
                    try {
                        plot = Path.of(words[++i]);
                    } catch (InvalidPathException e) {
                        throw new IllegalArgumentException("--plot " + words[i] + ": not a file name");
                    }
                }
                case "--force" -> force = true;
                default -> rest.add(w);
            }
        }
        if (to <= from) {
            throw new IllegalArgumentException("the range from " + from + " to " + to + " is empty");
        }
        return new Options(String.join(" ", rest), from, to, plot, force);
    }
}
