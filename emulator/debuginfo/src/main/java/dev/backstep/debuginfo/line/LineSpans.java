package dev.backstep.debuginfo.line;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One unit's line table as gdb keeps it: one list of entries per source file, and the question gdb asks of it
 * everywhere (its {@code find_pc_line}): which line holds an address, from where to where. Prologue analysis and
 * breakpoint placement must ask exactly this question to land where gdb does.
 *
 * <p>The per-file lists follow gdb's reading of the rows: rows of line 0 are dropped; a row repeating the line of
 * the previous one is dropped when that line had a non-zero discriminator; leaving a file (a row of another file,
 * or the end of a sequence) ends the file's run with a line-0 entry, which replaces entries of that file at the
 * same address. Entries are ordered by address, line-0 entries first among equal ones.
 */
public final class LineSpans {
    /** An entry of a file's list. */
    record Entry(long address, int line, boolean isStmt, boolean prologueEnd) {
    }

    /**
     * Where an address's line is: {@code line} 0 (and {@code file} null) when it has none; else the line's file, its
     * first address {@code start} and the address {@code end} where the next line begins.
     */
    public record Span(String file, int line, long start, long end, boolean isStmt) {
        public boolean hasLine() {
            return line != 0;
        }
    }

    /** A table without lines. */
    public static final LineSpans EMPTY = new LineSpans();

    private final Map<String, List<Entry>> byFile = new LinkedHashMap<>();
    private final long highAddress;

    private LineSpans() {
        this.highAddress = 0;
    }

    public LineSpans(LineProgram program) {
        long high = 0;
        for (LineSequence seq : program.sequences()) {
            if (seq.start() == 0 || seq.rows().size() < 2) {
                continue; // a discarded function's rows (gdb does not record lines at address 0)
            }
            high = Math.max(high, seq.end());
            read(seq);
        }
        this.highAddress = high;
        Comparator<Entry> order = Comparator.comparingLong(Entry::address)
                .thenComparing(e -> e.line() != 0);
        for (List<Entry> entries : byFile.values()) {
            entries.sort(order); // stable: rows at one address keep their order
        }
    }

    private void read(LineSequence seq) {
        String lastFile = null;
        int lastLine = 0;
        int previousRowLine = -1;
        boolean discriminated = false;
        long previousAddress = -1;
        for (LineRow r : seq.rows()) {
            if (r.endSequence()) {
                finish(lastFile, r.address());
                return;
            }
            discriminated = r.line() != previousRowLine ? r.discriminator() != 0 : discriminated || r.discriminator() != 0;
            previousRowLine = r.line();
            boolean fileChanged = lastFile == null || !lastFile.equals(r.file());
            boolean ignore = r.line() == 0 || fileChanged && previousAddress == r.address() && !r.isStmt();
            previousAddress = r.address();
            if (ignore) {
                continue;
            }
            if (fileChanged) {
                finish(lastFile, r.address());
            }
            if (fileChanged || r.line() != lastLine || !discriminated) {
                byFile.computeIfAbsent(r.file(), k -> new ArrayList<>())
                        .add(new Entry(r.address(), r.line(), r.isStmt(), r.prologueEnd()));
            }
            lastFile = r.file();
            lastLine = r.line();
        }
    }

    /** Ends a file's run at an address: its entries there go, a line-0 entry marks the end (unless it has none). */
    private void finish(String file, long address) {
        if (file == null) {
            return;
        }
        List<Entry> entries = byFile.get(file);
        if (entries == null || entries.isEmpty()) {
            return;
        }
        while (!entries.isEmpty() && entries.get(entries.size() - 1).address() == address) {
            entries.remove(entries.size() - 1);
        }
        entries.add(new Entry(address, 0, true, false));
    }

    /** The line holding an address (gdb's find_pc_line). */
    public Span at(long pc) {
        Entry best = null;
        String bestFile = null;
        long bestEnd = 0;
        Entry alt = null;
        for (Map.Entry<String, List<Entry>> f : byFile.entrySet()) {
            List<Entry> items = f.getValue();
            if (items.isEmpty()) {
                continue;
            }
            if (items.get(0).address() > pc && (alt == null || items.get(0).address() < alt.address())) {
                alt = items.get(0);
            }
            int next = upperBound(items, pc);
            int prevIdx = next - 1;
            Entry prev = prevIdx >= 0 ? items.get(prevIdx) : null;
            while (prev != null && next < items.size() && items.get(next).line() == prev.line()
                    && !items.get(next).isStmt()) {
                next++;
            }
            if (prev != null && (best == null || prev.address() > best.address())) {
                int b = prevIdx;
                // landing on a non-statement entry: an is_stmt entry at the same address stands for it
                if (!items.get(b).isStmt()) {
                    int t = b;
                    while (t > 0 && items.get(t - 1).address() == items.get(t).address()
                            && items.get(t - 1).line() != 0 && !items.get(t).isStmt()) {
                        t--;
                    }
                    if (items.get(t).isStmt()) {
                        b = t;
                    }
                }
                best = items.get(b);
                bestFile = f.getKey();
                if (bestEnd <= best.address()) {
                    bestEnd = 0;
                }
            }
            if (best != null && next < items.size() && items.get(next).address() > best.address()
                    && (bestEnd == 0 || bestEnd > items.get(next).address())) {
                bestEnd = items.get(next).address();
            }
        }
        if (best == null || best.line() == 0) {
            return new Span(null, 0, pc, 0, false);
        }
        long end;
        if (bestEnd != 0 && (alt == null || bestEnd < alt.address())) {
            end = bestEnd;
        } else if (alt != null) {
            end = alt.address();
        } else {
            end = highAddress;
        }
        return new Span(bestFile, best.line(), best.address(), end, best.isStmt());
    }

    /** The first entry marked prologue_end in [start, end) of the file holding {@code start}'s line, if any. */
    public Optional<Long> prologueEnd(long start, long end) {
        Span first = at(start);
        if (!first.hasLine()) {
            return Optional.empty();
        }
        for (Entry e : byFile.get(first.file())) {
            if (e.address() >= start && e.address() < end && e.prologueEnd()) {
                return Optional.of(e.address());
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the line holding {@code start} has two entries in a row at {@code start} (gdb takes that as a
     * prologue of no instructions).
     */
    public boolean startsTwice(long start) {
        Span first = at(start);
        if (!first.hasLine()) {
            return false;
        }
        List<Entry> items = byFile.get(first.file());
        int idx = 0;
        while (idx + 1 < items.size() && (items.get(idx).address() != first.start() || items.get(idx).line() == 0)) {
            idx++;
        }
        return idx + 1 < items.size() && items.get(idx + 1).line() != 0 && items.get(idx + 1).address() == start;
    }

    private static int upperBound(List<Entry> items, long pc) {
        int lo = 0;
        int hi = items.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (items.get(mid).address() <= pc) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
