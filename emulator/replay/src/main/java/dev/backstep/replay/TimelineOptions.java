package dev.backstep.replay;

import dev.backstep.replay.index.ExecutionIndex;

/**
 * Tuning of a timeline. Defaults suit interactive debugging of programs up to ~10^10 instructions.
 *
 * @param memoryBudget       bytes that snapshots may keep alive before thinning (default 256 MiB)
 * @param digestInterval     a state digest is recorded / checked every this many instructions
 * @param snapshotInterval   periodic snapshots while running, every this many instructions
 * @param sliceInstructions  longest single machine run between checks of the cancel flag
 * @param nearSpacing        closest spacing of the snapshots a seek leaves just before its target
 *                           (bounds the cost of the next step back)
 * @param maxSnapshots       hard cap on the number of snapshots, whatever their size
 * @param translate          whether the machine translates hot guest code to JVM bytecode (false: the interpreter
 *                           runs everything; the guest, the recording, the execution index and every stop are the
 *                           same either way)
 * @param translationThreshold instructions interpreted from a code page before the translator compiles code there (0:
 *                           the machine's default; tests use small values so that short programs run translated)
 * @param indexWindowShift   the execution index summarises windows of 2^this instructions (a recording that has an
 *                           index keeps its own); 0 = no index: reverse scans replay every window (the reference
 *                           behaviour, for comparisons)
 */
public record TimelineOptions(long memoryBudget, long digestInterval, long snapshotInterval,
                              long sliceInstructions, long nearSpacing, int maxSnapshots, boolean translate,
                              int translationThreshold, int indexWindowShift) {

    /** The tuning given, with the translator on at its default threshold and the default index windows. */
    public TimelineOptions(long memoryBudget, long digestInterval, long snapshotInterval, long sliceInstructions,
                           long nearSpacing, int maxSnapshots) {
        this(memoryBudget, digestInterval, snapshotInterval, sliceInstructions, nearSpacing, maxSnapshots, true, 0,
                ExecutionIndex.DEFAULT_WINDOW_SHIFT);
    }

    public TimelineOptions {
        if (memoryBudget < (1 << 20)) {
            throw new IllegalArgumentException("memory budget below 1 MiB: " + memoryBudget);
        }
        if (digestInterval <= 0 || snapshotInterval <= 0 || sliceInstructions <= 0 || nearSpacing <= 0) {
            throw new IllegalArgumentException("intervals must be positive");
        }
        if (translationThreshold < 0) {
            throw new IllegalArgumentException("negative translation threshold");
        }
        if (maxSnapshots < 8) {
            throw new IllegalArgumentException("maxSnapshots below 8");
        }
        if (indexWindowShift != 0 && (indexWindowShift < ExecutionIndex.MIN_WINDOW_SHIFT
                || indexWindowShift > ExecutionIndex.MAX_WINDOW_SHIFT)) {
            throw new IllegalArgumentException("index window of 2^" + indexWindowShift + " instructions (0 or "
                    + ExecutionIndex.MIN_WINDOW_SHIFT + ".." + ExecutionIndex.MAX_WINDOW_SHIFT + ")");
        }
    }

    public boolean indexed() {
        return indexWindowShift != 0;
    }

    public static TimelineOptions defaults() {
        return new TimelineOptions(256L << 20, 1L << 24, 1L << 20, 1L << 20, 1L << 13, 4096, true, 0,
                ExecutionIndex.DEFAULT_WINDOW_SHIFT);
    }

    public TimelineOptions withMemoryBudget(long bytes) {
        return new TimelineOptions(bytes, digestInterval, snapshotInterval, sliceInstructions, nearSpacing, maxSnapshots,
                translate, translationThreshold, indexWindowShift);
    }

    public TimelineOptions withDigestInterval(long n) {
        return new TimelineOptions(memoryBudget, n, snapshotInterval, sliceInstructions, nearSpacing, maxSnapshots,
                translate, translationThreshold, indexWindowShift);
    }

    public TimelineOptions withSnapshotInterval(long n) {
        return new TimelineOptions(memoryBudget, digestInterval, n, sliceInstructions, nearSpacing, maxSnapshots,
                translate, translationThreshold, indexWindowShift);
    }

    public TimelineOptions withSliceInstructions(long n) {
        return new TimelineOptions(memoryBudget, digestInterval, snapshotInterval, n, nearSpacing, maxSnapshots,
                translate, translationThreshold, indexWindowShift);
    }

    /**
     * Windows of 2^shift instructions for the execution index; 0 = no index. Periodic snapshots become at least as
     * dense as windows, so that a search replays a window it cannot skip from the window's start.
     */
    public TimelineOptions withIndexWindowShift(int shift) {
        long interval = shift > 0 ? Math.min(snapshotInterval, 1L << shift) : snapshotInterval;
        return new TimelineOptions(memoryBudget, digestInterval, interval, sliceInstructions, nearSpacing,
                maxSnapshots, translate, translationThreshold, shift);
    }

    /** No execution index: every reverse scan replays every window, as before the index existed. */
    public TimelineOptions withoutIndex() {
        return withIndexWindowShift(0);
    }

    public TimelineOptions withMaxSnapshots(int n) {
        return new TimelineOptions(memoryBudget, digestInterval, snapshotInterval, sliceInstructions, nearSpacing, n,
                translate, translationThreshold, indexWindowShift);
    }

    /** The same options with the translator on or off. */
    public TimelineOptions withTranslate(boolean on) {
        return new TimelineOptions(memoryBudget, digestInterval, snapshotInterval, sliceInstructions, nearSpacing,
                maxSnapshots, on, translationThreshold, indexWindowShift);
    }

    /** The same options with another translation threshold (0: the machine's default). */
    public TimelineOptions withTranslationThreshold(int instructions) {
        return new TimelineOptions(memoryBudget, digestInterval, snapshotInterval, sliceInstructions, nearSpacing,
                maxSnapshots, translate, instructions, indexWindowShift);
    }
}
