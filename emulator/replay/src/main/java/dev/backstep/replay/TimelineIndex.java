package dev.backstep.replay;

import dev.backstep.machine.Activity;
import dev.backstep.machine.ElfSegment;
import dev.backstep.machine.Machine;
import dev.backstep.replay.format.RecordingWriter;
import dev.backstep.replay.index.ExecutionIndex;
import dev.backstep.replay.index.GranuleFlow;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The timeline's execution index, kept up to date as the machine runs: at every settled stop of the run loop it takes
 * the machine's activity marks for the stretch run since the previous one and adds them to the window that stretch
 * lies in (a machine run never crosses a window boundary: the loop ends slices there). A window is known once stretches
 * that join up have covered it from its first instruction to its last, in any order and over several passes (going
 * back restores a snapshot: the next stretch starts there). Execution is deterministic, so a stretch run again marks a
 * subset of what the window did, and the union of the pieces is exact.
 *
 * <p>Record sessions write each window into the recording as it completes, and the partial last window (the tail) with
 * the END. A replay starts from the recording's index, or builds one as it goes for a recording without; a window
 * rebuilt while the recording already had it is compared, and a mismatch drops the recording's index (it is not
 * trusted) and says so.
 */
final class TimelineIndex {
    /** Partial windows kept at once (the ones around where the user works). */
    private static final int MAX_PARTIALS = 64;

    /** A window covered from its start up to {@code covered}, with what that part did. */
    private record Partial(Activity done, long covered) {
    }

    private final Machine m;
    private final ExecutionIndex index;
    private final RecordingWriter writer;
    private final LongSupplier historyEnd;
    private final TreeMap<Long, Partial> partials = new TreeMap<>();
    /** Icount the current stretch of execution started at (the machine's marks cover it since then). */
    private long from;
    private String problem;

    /**
     * @param index      null: no index (nothing tracked, scans replay everything)
     * @param writer     where a record session writes completed windows, or null
     * @param historyEnd the icount where history is known to end (Long.MAX_VALUE while it grows)
     */
    TimelineIndex(Machine m, ExecutionIndex index, RecordingWriter writer, LongSupplier historyEnd) {
        this.m = m;
        this.index = index;
        this.writer = writer;
        this.historyEnd = historyEnd;
        if (index != null) {
            m.activity().setTracking(true);
            if (writer != null) {
                writer.enableIndex(index.windowShift());
            }
        }
        this.from = m.icount();
    }

    boolean enabled() {
        return index != null;
    }

    /** The index (null when off). */
    ExecutionIndex index() {
        return index;
    }

    /** Why the recording's own index was dropped, or null. */
    String problem() {
        return problem;
    }

    /**
     * The program's code as the index may trust it, for queries that follow the code within a granule
     * ({@link GranuleFlow}): a granule's bytes count when they are the ELF's and no window of the index ever wrote
     * them, and the index has no hole (where they could have changed unseen). Null when that cannot be said at all.
     */
    GranuleFlow.Code code() {
        if (index == null || !index.gapless()) {
            return null;
        }
        Map<Integer, Boolean> stable = new java.util.HashMap<>();
        return addr -> stable.computeIfAbsent(addr & -64, this::unchangedCode) ? m.memory().read16(addr) : -1;
    }

    /** Whether the 64 bytes at granule are the ELF's and no window wrote them. */
    private boolean unchangedCode(int granule) {
        if (index.everWrote64(granule)) {
            return false;
        }
        for (ElfSegment seg : m.elf().segments()) {
            long start = Integer.toUnsignedLong(seg.paddr());
            long g = Integer.toUnsignedLong(granule);
            if (g >= start && g + 64 <= start + seg.data().length) {
                for (int k = 0; k < 64; k++) {
                    if ((byte) m.memory().read8(granule + k) != seg.data()[(int) (g - start) + k]) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    /** The next window boundary after {@code now}, where a machine run must end (Long.MAX_VALUE without an index). */
    long nextBoundary(long now) {
        return index == null ? Long.MAX_VALUE : (index.windowOf(now) + 1) << index.windowShift();
    }

    /** The machine state jumped to {@code at} (a snapshot restored, the program loaded): a new stretch starts there. */
    void restarted(long at) {
        if (index != null) {
            m.activity().discard();
            from = at;
        }
    }

    /** The machine stopped settled at {@code at}, having run without a jump since the previous call. */
    void settledAt(long at) {
        if (index == null) {
            return;
        }
        Activity a = m.activity().take();
        long start = from;
        from = at;
        if (at % index.windowSize() == 0) {
            m.activity().breakRun(); // a window's record begins where its first run is entered (snapshots keep this)
        }
        long k = index.windowOf(start);
        if (at < start || at > index.windowStart(k + 1)) {
            return; // not one stretch of one window (cannot happen with slices ending at boundaries): keep nothing
        }
        if (at == start && a.isEmpty()) {
            return;
        }
        add(k, start, at, a);
    }

    private void add(long k, long start, long end, Activity a) {
        Partial p = partials.get(k);
        if (p == null) {
            if (start != index.windowStart(k) || (index.isComplete(k) && !verifying())) {
                return; // not joined to the window's start, or nothing to learn
            }
            p = new Partial(a, end);
        } else if (start <= p.covered()) {
            p = new Partial(p.done().union(a), Math.max(p.covered(), end));
        } else {
            return; // a gap: the pieces do not join up
        }
        if (p.covered() == index.windowStart(k + 1)) {
            partials.remove(k);
            complete(k, p.done());
            return;
        }
        partials.put(k, p);
        if (partials.size() > MAX_PARTIALS) {
            // forget the partial farthest from this one
            Map.Entry<Long, Partial> lo = partials.firstEntry();
            Map.Entry<Long, Partial> hi = partials.lastEntry();
            partials.remove(k - lo.getKey() > hi.getKey() - k ? lo.getKey() : hi.getKey());
        }
        long endOfHistory = historyEnd.getAsLong();
        if (p.covered() == endOfHistory) {
            completeTail(p.done(), endOfHistory);
        }
    }

    /** A replay checks the windows it runs through against the recording's own index. */
    private boolean verifying() {
        return writer == null;
    }

    private void complete(long k, Activity done) {
        if (index.isComplete(k)) {
            Activity had = index.window(k);
            if (!had.union(done).equals(had)) {
                // the recording's window lacks something the replay did: it cannot be trusted
                distrust("window " + k);
                index.put(k, done);
            }
            // more than the replay did is allowed (marks may over-approximate) and kept: a window assembled from
            // stretches never replaces one with more in it, so that a stretch that marked too little cannot make a
            // search skip what the window holds
            return;
        }
        index.put(k, done);
        if (writer != null) {
            writer.indexWindow(k, done);
        }
    }

    private void completeTail(Activity done, long end) {
        if (index.tail() != null && index.tailEnd() == end) {
            if (!index.tail().union(done).equals(index.tail())) {
                distrust("the last window");
                index.putTail(done, end);
            }
            return;
        }
        index.putTail(done, end);
    }

    private void distrust(String where) {
        if (problem == null) {
            problem = "the recording's execution index disagrees with the replay (" + where + "); it is rebuilt as "
                    + "the replay goes";
        }
        index.clear();
    }

    /** The recording ends at {@code end}: a record session writes the last, partial window when it is known. */
    void recordingEnds(long end) {
        if (index == null || writer == null || end % index.windowSize() == 0) {
            return;
        }
        Partial p = partials.get(index.windowOf(end - 1));
        if (p != null && p.covered() == end) {
            index.putTail(p.done(), end);
            writer.indexTail(index.windowOf(end - 1), p.done(), end);
        }
    }

    /** The index as a recording of history up to {@code length} holds it: a copy, with the tail when known. */
    ExecutionIndex snapshot(long length) {
        if (index == null) {
            return null;
        }
        ExecutionIndex c = index.copy();
        if (length % index.windowSize() != 0 && (c.tail() == null || c.tailEnd() != length)) {
            Partial p = partials.get(index.windowOf(length - 1));
            if (p != null && p.covered() == length && length > 0) {
                c.putTail(p.done(), length);
            }
        }
        return c;
    }
}
