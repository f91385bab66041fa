package dev.backstep.debuginfo.line;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The line tables of all units of a program, indexed by address: pc to source position, source line to code
 * addresses, and the statement boundaries that line stepping needs.
 */
public final class LineTable {
    private final List<LineProgram> programs;
    private final List<LineSequence> sequences;

    public LineTable(List<LineProgram> programs) {
        this.programs = List.copyOf(programs);
        List<LineSequence> seqs = new ArrayList<>();
        for (LineProgram p : programs) {
            for (LineSequence s : p.sequences()) {
                // gc'ed functions keep their sequences at address 0; they would shadow real code there
                if (s.rows().size() > 1 && s.end() > s.start()) {
                    seqs.add(s);
                }
            }
        }
        seqs.sort(Comparator.comparingLong(LineSequence::start));
        this.sequences = List.copyOf(seqs);
    }

    public List<LineProgram> programs() {
        return programs;
    }

    /** Sequences in address order (empty ones dropped). */
    public List<LineSequence> sequences() {
        return sequences;
    }

    /** Every source file named by a line table, as recorded (directory joined). */
    public Set<String> files() {
        Set<String> out = new TreeSet<>();
        for (LineSequence s : sequences) {
            for (LineRow r : s.rows()) {
                if (!r.endSequence()) {
                    out.add(r.file());
                }
            }
        }
        return out;
    }

    private LineSequence sequenceAt(long addr) {
        int lo = 0;
        int hi = sequences.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            LineSequence s = sequences.get(mid);
            if (s.start() > addr) {
                hi = mid - 1;
            } else if (s.end() <= addr) {
                lo = mid + 1;
            } else {
                return s;
            }
        }
        // overlapping sequences (rare): fall back to a scan
        for (LineSequence s : sequences) {
            if (s.contains(addr)) {
                return s;
            }
        }
        return null;
    }

    /** The row that describes the instruction at addr (its file, line, column), if addr has line info. */
    public Optional<LineRow> rowAt(long addr) {
        LineSequence s = sequenceAt(addr);
        if (s == null) {
            return Optional.empty();
        }
        int i = s.rowIndexFor(addr);
        return i < 0 ? Optional.empty() : Optional.of(s.rows().get(i));
    }

    /**
     * The addresses [start, end) around addr that belong to the same source line (same file and line, without a new
     * statement start in between): what "step over one line" must leave.
     */
    public Optional<long[]> lineRangeAt(long addr) {
        LineSequence s = sequenceAt(addr);
        if (s == null) {
            return Optional.empty();
        }
        List<LineRow> rows = s.rows();
        int i = s.rowIndexFor(addr);
        if (i < 0) {
            return Optional.empty();
        }
        LineRow here = rows.get(i);
        int first = i;
        while (first > 0 && sameLine(rows.get(first - 1), here)) {
            first--;
        }
        int last = i + 1;
        while (last < rows.size() - 1 && (rows.get(last).address() == here.address() || sameLine(rows.get(last), here))) {
            last++;
        }
        return Optional.of(new long[] {rows.get(first).address(), rows.get(last).address()});
    }

    private static boolean sameLine(LineRow a, LineRow b) {
        return !a.endSequence() && a.line() == b.line() && a.file().equals(b.file());
    }

    /** True when addr begins a statement: a line-stepping stop is allowed there. */
    public boolean isStatementStart(long addr) {
        LineSequence s = sequenceAt(addr);
        if (s == null) {
            return false;
        }
        for (LineRow r : s.rows()) {
            if (r.address() == addr && r.isStmt() && !r.endSequence()) {
                return true;
            }
            if (r.address() > addr) {
                break;
            }
        }
        return false;
    }

    /** Addresses in [start, end) where a statement begins, ascending, without duplicates. */
    public List<Long> statementStarts(long start, long end) {
        TreeSet<Long> out = new TreeSet<>();
        for (LineSequence s : sequences) {
            if (s.end() <= start || s.start() >= end) {
                continue;
            }
            for (LineRow r : s.rows()) {
                if (!r.endSequence() && r.isStmt() && r.address() >= start && r.address() < end) {
                    out.add(r.address());
                }
            }
        }
        return List.copyOf(out);
    }

    /** The recorded files that best match a requested path (full path or trailing-component match). */
    public List<String> matchFiles(String requested) {
        int best = 0;
        List<String> out = new ArrayList<>();
        for (String f : files()) {
            int score = PathMatcher.score(requested, f);
            if (score > best) {
                best = score;
                out.clear();
            }
            if (score > 0 && score == best) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Code addresses for a source line, ascending: every address where a statement of that line begins after code
     * of another line (so a loop condition split in two places yields both). When the line has no code, the next line
     * of the same file that has some is used; {@link LineMatch#line()} says which.
     */
    public Optional<LineMatch> addressesFor(String requestedFile, int line) {
        List<String> files = matchFiles(requestedFile);
        if (files.isEmpty()) {
            return Optional.empty();
        }
        int bestLine = Integer.MAX_VALUE;
        for (LineSequence s : sequences) {
            for (LineRow r : s.rows()) {
                if (!r.endSequence() && r.isStmt() && r.line() >= line && r.line() < bestLine && files.contains(r.file())) {
                    bestLine = r.line();
                }
            }
        }
        if (bestLine == Integer.MAX_VALUE) {
            return Optional.empty();
        }
        Set<Long> addrs = new LinkedHashSet<>();
        for (LineSequence s : sequences) {
            LineRow prev = null;
            for (LineRow r : s.rows()) {
                if (r.endSequence()) {
                    break;
                }
                boolean here = r.line() == bestLine && files.contains(r.file());
                boolean prevHere = prev != null && prev.line() == bestLine && prev.file().equals(r.file());
                if (here && r.isStmt() && !prevHere) {
                    addrs.add(r.address());
                }
                prev = r;
            }
        }
        List<Long> sorted = new ArrayList<>(addrs);
        sorted.sort(Long::compare);
        return Optional.of(new LineMatch(files.size() == 1 ? files.get(0) : requestedFile, bestLine, List.copyOf(sorted)));
    }

    /** Where a requested source line landed: the matched file, the line that has code, and its addresses. */
    public record LineMatch(String file, int line, List<Long> addresses) {
    }
}
