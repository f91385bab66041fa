package dev.backstep.replay.index;

import dev.backstep.machine.Activity;
import dev.backstep.machine.ActivityMarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The execution index of a recording: for each window of 2^{@code windowShift} instructions (window k covers icounts
 * [k * size, (k + 1) * size)), what the machine did in it ({@link Activity}: where runs of code began, per 64-byte
 * granule; which 4-byte words of RAM stores began in; which traps were entered), and the same for the last, partial window of a finished recording (the tail). A window not known
 * (not run through in one piece yet, or beyond what is recorded) may hold anything.
 *
 * <p>Searches ask which windows may hold a match ({@link IndexQuery}) going backward or forward from a point, and
 * replay only those: the cost follows the distance to the answer, not the distance in time. Identical summaries are
 * kept once, so a program that does the same thing in every window costs a few bytes per window.
 *
 * <p>Not thread-safe: it lives with its timeline.
 */
public final class ExecutionIndex {
    /** Windows of 2^20 instructions (a few milliseconds of replay each). */
    public static final int DEFAULT_WINDOW_SHIFT = 20;
    public static final int MIN_WINDOW_SHIFT = 10;
    public static final int MAX_WINDOW_SHIFT = 40;

    private final int shift;
    private final List<Activity> windows = new ArrayList<>();
    private final Map<Activity, Activity> interned = new HashMap<>();
    private int known;
    /** Every word group any window wrote in, with the words: code there may have changed over time. */
    private final Map<Integer, Long> writtenEver = new HashMap<>();
    private Activity tail;
    private long tailEnd = -1;

    public ExecutionIndex(int windowShift) {
        if (windowShift < MIN_WINDOW_SHIFT || windowShift > MAX_WINDOW_SHIFT) {
            throw new IllegalArgumentException("index window shift " + windowShift + " outside "
                    + MIN_WINDOW_SHIFT + ".." + MAX_WINDOW_SHIFT);
        }
        this.shift = windowShift;
    }

    public int windowShift() {
        return shift;
    }

    public long windowSize() {
        return 1L << shift;
    }

    /** The window holding the instruction at icount (the step from the state at icount). */
    public long windowOf(long icount) {
        return icount >> shift;
    }

    public long windowStart(long k) {
        return k << shift;
    }

    /** What window k did, or null when it is not known (the tail window answers with the tail). */
    public Activity window(long k) {
        if (k < windows.size() && windows.get((int) k) != null) {
            return windows.get((int) k);
        }
        if (tail != null && k == windowOf(tailEnd - 1)) {
            return tail;
        }
        return null;
    }

    /** Whether window k is known in full (not the tail). */
    public boolean isComplete(long k) {
        return k < windows.size() && windows.get((int) k) != null;
    }

    /** Sets what window k did (run through in one piece, from its first instruction to its last). */
    public void put(long k, Activity a) {
        if (k < 0 || k >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("window " + k);
        }
        while (windows.size() <= k) {
            windows.add(null);
        }
        if (windows.get((int) k) == null) {
            known++;
        }
        windows.set((int) k, intern(a));
        noteWrites(a);
    }

    private void noteWrites(Activity a) {
        int[] groups = a.writeGroups();
        for (int i = 0; i < groups.length; i++) {
            writtenEver.merge(groups[i], a.writeMasks()[i], (x, y) -> x | y);
        }
    }

    /** Whether any known window wrote a word of [address, address + 64) (a code granule: code there changed). */
    public boolean everWrote64(int address) {
        int a = address & -64;
        Long m = writtenEver.get(a >>> ActivityMarks.WRITE_GROUP_SHIFT);
        return m != null && (m & 0xFFFFL << ((a >>> ActivityMarks.WORD_SHIFT) & 63)) != 0;
    }

    /** Whether every window below the highest known one is known (no hole where anything may have happened). */
    public boolean gapless() {
        return known == windows.size();
    }

    /** Sets the tail: what the last, partial window did from its start up to {@code end}, where history ends. */
    public void putTail(Activity a, long end) {
        if (end <= 0 || end % windowSize() == 0) {
            throw new IllegalArgumentException("a tail ends inside a window, not at " + end);
        }
        tail = intern(a);
        tailEnd = end;
        noteWrites(a);
    }

    public Activity tail() {
        return tail;
    }

    /** Where the tail ends (the end of the recording), or -1 without a tail. */
    public long tailEnd() {
        return tailEnd;
    }

    /** Complete windows known. */
    public int knownWindows() {
        return known;
    }

    /** One past the highest window slot (known or not). */
    public long windowSlots() {
        return windows.size();
    }

    /** Distinct summaries held (identical windows share one). */
    public int distinctSummaries() {
        return interned.size();
    }

    /** Heap bytes, roughly: the window table plus each distinct summary once. */
    public long heapBytes() {
        long b = 16 + 8L * windows.size();
        for (Activity a : interned.keySet()) {
            b += 96 + 8L * a.codeGranules().length + 12L * a.writeGroups().length;
        }
        return b;
    }

    /** Forgets every window and the tail. */
    public void clear() {
        windows.clear();
        interned.clear();
        writtenEver.clear();
        known = 0;
        tail = null;
        tailEnd = -1;
    }

    /** A copy (the summaries are immutable and shared). */
    public ExecutionIndex copy() {
        ExecutionIndex c = new ExecutionIndex(shift);
        for (int k = 0; k < windows.size(); k++) {
            if (windows.get(k) != null) {
                c.put(k, windows.get(k));
            }
        }
        if (tail != null) {
            c.putTail(tail, tailEnd);
        }
        return c;
    }

    private Activity intern(Activity a) {
        Activity same = interned.putIfAbsent(a, a);
        return same == null ? a : same;
    }

    // ------------------------------------------------------------------ queries

    /** Whether window k may hold a match of q (an unknown window may). */
    public boolean mayMatch(long k, IndexQuery q) {
        if (q.matchesEverything()) {
            return true;
        }
        Activity a = window(k);
        return a == null || q.mayMatch(a);
    }

    /**
     * The latest stretch [start, end) before {@code before} made of windows that may hold a match of q (clipped to
     * [notBefore, before)), or null when no window in [notBefore, before) may. Consecutive windows that may match are
     * merged, the stretch reaching back at most {@code maxLength} instructions from its end.
     */
    public Span lastCandidate(long before, long notBefore, long maxLength, IndexQuery q) {
        if (before <= notBefore) {
            return null;
        }
        long k = windowOf(before - 1);
        long lowest = windowOf(notBefore);
        while (k >= lowest && !mayMatch(k, q)) {
            k--;
        }
        if (k < lowest) {
            return null;
        }
        long end = Math.min(before, windowStart(k + 1));
        long floor = Math.max(notBefore, end - maxLength);
        long j = k;
        while (j > lowest && windowStart(j) > floor && mayMatch(j - 1, q)) {
            j--;
        }
        return new Span(Math.max(floor, windowStart(j)), end);
    }

    /**
     * The first icount at or after {@code from} and before {@code before} where a window that may hold a match of q
     * begins (from itself when its window may), or -1 when there is none.
     */
    public long nextCandidate(long from, long before, IndexQuery q) {
        if (from >= before) {
            return -1;
        }
        long last = windowOf(before - 1);
        for (long k = windowOf(from); k <= last; k++) {
            if (mayMatch(k, q)) {
                return Math.max(from, windowStart(k));
            }
        }
        return -1;
    }

    /**
     * The windows of [from, to) that may hold a match of q, as stretches [start, end) of consecutive windows, in icount
     * order ascending (or descending when {@code backward}). For whole-history queries: replay only these.
     */
    public List<Span> candidates(long from, long to, IndexQuery q, boolean backward) {
        List<Span> out = new ArrayList<>();
        long k = windowOf(Math.max(0, from));
        long last = to <= from ? k - 1 : windowOf(to - 1);
        Span open = null;
        for (; k <= last; k++) {
            if (!mayMatch(k, q)) {
                open = null;
                continue;
            }
            long s = Math.max(from, windowStart(k));
            long e = Math.min(to, windowStart(k + 1));
            if (open != null && open.end() == s) {
                open = new Span(open.start(), e);
                out.set(out.size() - 1, open);
            } else {
                open = new Span(s, e);
                out.add(open);
            }
        }
        if (backward) {
            java.util.Collections.reverse(out);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ExecutionIndex x) || x.shift != shift || x.tailEnd != tailEnd
                || !java.util.Objects.equals(x.tail, tail)) {
            return false;
        }
        long n = Math.max(windows.size(), x.windows.size());
        for (long k = 0; k < n; k++) {
            if (!java.util.Objects.equals(isComplete(k) ? window(k) : null, x.isComplete(k) ? x.window(k) : null)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return shift * 31 + known;
    }

    @Override
    public String toString() {
        return "ExecutionIndex[windows of 2^" + shift + ", " + known + " known, " + interned.size() + " distinct"
                + (tail != null ? ", tail to " + tailEnd : "") + "]";
    }

    /** Icounts [start, end). */
    public record Span(long start, long end) {
        public long length() {
            return end - start;
        }
    }
}
