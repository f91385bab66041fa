package dev.backstep.replay.format;

import dev.backstep.machine.Activity;
import dev.backstep.machine.ActivityMarks;
import dev.backstep.replay.index.ExecutionIndex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The INDEX chunk (docs/recording-format.md): window summaries of the execution index, written as windows complete.
 * A summary equal to one already written in the file is written as a reference to that window, so a program that does
 * the same in every window costs a few bytes per window.
 */
final class IndexChunks {
    static final int FLAG_TAIL = 1;
    static final int FLAG_SAME = 2;
    /** A chunk holds at most this many entries (far below the chunk size limit). */
    static final int MAX_ENTRIES = 1 << 16;

    private IndexChunks() {
    }

    /** One window summary to write (or the tail, with its end). */
    record Entry(long window, Activity activity, long tailEnd) {
    }

    /** Encodes entries (ascending window order within the chunk), remembering summaries written for references. */
    static final class Encoder {
        private final int windowShift;
        /** A summary already in the file, and the window it was written for. */
        private final Map<Activity, Long> written = new HashMap<>();

        Encoder(int windowShift) {
            this.windowShift = windowShift;
        }

        void encode(List<Entry> entries, ByteSink out) {
            out.u8(windowShift);
            out.u8(ActivityMarks.GRANULE_SHIFT);
            out.u8(ActivityMarks.WORD_SHIFT);
            out.uvarint(entries.size());
            long prev = -1;
            for (Entry e : entries) {
                out.uvarint(e.window() - prev - 1);
                prev = e.window();
                Long same = written.get(e.activity());
                int flags = (e.tailEnd() >= 0 ? FLAG_TAIL : 0) | (same != null && same < e.window() ? FLAG_SAME : 0);
                out.u8(flags);
                if ((flags & FLAG_TAIL) != 0) {
                    out.uvarint(e.tailEnd() - (e.window() << windowShift));
                }
                if ((flags & FLAG_SAME) != 0) {
                    out.uvarint(e.window() - same);
                } else {
                    summary(e.activity(), out);
                    if (e.tailEnd() < 0) {
                        written.putIfAbsent(e.activity(), e.window());
                    }
                }
            }
        }

        private static void summary(Activity a, ByteSink out) {
            out.uvarint(a.exceptions());
            out.uvarint(a.interrupts());
            int[] granules = a.codeGranules();
            out.uvarint(granules.length);
            long prev = -1;
            for (int k = 0; k < granules.length; k++) {
                long g = Integer.toUnsignedLong(granules[k]);
                out.uvarint(g - prev - 1);
                prev = g;
                out.uvarint(Integer.toUnsignedLong(a.codeEntries()[k]));
            }
            int[] groups = a.writeGroups();
            out.uvarint(groups.length);
            prev = -1;
            for (int k = 0; k < groups.length; k++) {
                long p = Integer.toUnsignedLong(groups[k]);
                out.uvarint(p - prev - 1);
                prev = p;
                out.i64(a.writeMasks()[k]);
            }
        }
    }

    /**
     * Decodes one INDEX chunk into {@code index} (created on the first chunk: null in, the index out). The whole chunk
     * is checked before anything is added.
     */
    static ExecutionIndex decode(ByteSource in, ExecutionIndex index) throws ByteSource.Malformed {
        int shift = in.u8();
        int granule = in.u8();
        int word = in.u8();
        if (granule != ActivityMarks.GRANULE_SHIFT || word != ActivityMarks.WORD_SHIFT) {
            throw new ByteSource.Malformed("index of " + (1 << granule) + "-byte code granules and " + (1 << word)
                    + "-byte written words (this Backstep marks " + (1 << ActivityMarks.GRANULE_SHIFT) + " and "
                    + (1 << ActivityMarks.WORD_SHIFT) + ")");
        }
        if (shift < ExecutionIndex.MIN_WINDOW_SHIFT || shift > ExecutionIndex.MAX_WINDOW_SHIFT) {
            throw new ByteSource.Malformed("index window of 2^" + shift + " instructions");
        }
        if (index != null && index.windowShift() != shift) {
            throw new ByteSource.Malformed("index window changes from 2^" + index.windowShift() + " to 2^" + shift);
        }
        long count = in.uvarint();
        if (count > MAX_ENTRIES) {
            throw new ByteSource.Malformed("index chunk of " + count + " windows");
        }
        ExecutionIndex target = index != null ? index : new ExecutionIndex(shift);
        List<Entry> staged = new ArrayList<>();
        long window = -1;
        for (long i = 0; i < count; i++) {
            long delta = in.uvarint();
            if (delta > Integer.MAX_VALUE) {
                throw new ByteSource.Malformed("index window number out of range");
            }
            window += delta + 1;
            if (window >= Integer.MAX_VALUE) {
                throw new ByteSource.Malformed("index window number out of range");
            }
            int flags = in.u8();
            if ((flags & ~(FLAG_TAIL | FLAG_SAME)) != 0) {
                throw new ByteSource.Malformed("unknown index entry flags " + flags);
            }
            long tailEnd = -1;
            if ((flags & FLAG_TAIL) != 0) {
                long into = in.uvarint();
                if (into <= 0 || into >= (1L << shift)) {
                    throw new ByteSource.Malformed("index tail ends " + into + " instructions into its window");
                }
                tailEnd = (window << shift) + into;
            }
            Activity a;
            if ((flags & FLAG_SAME) != 0) {
                long back = in.uvarint();
                long ref = window - back;
                if (back == 0 || ref < 0) {
                    throw new ByteSource.Malformed("index entry refers to window " + ref);
                }
                a = lookup(staged, target, ref);
                if (a == null) {
                    throw new ByteSource.Malformed("index entry for window " + window + " refers to window " + ref
                            + ", which is not in the file before it");
                }
            } else {
                a = summary(in);
            }
            staged.add(new Entry(window, a, tailEnd));
        }
        if (in.hasMore()) {
            throw new ByteSource.Malformed("trailing bytes after " + count + " index windows");
        }
        for (Entry e : staged) {
            if (e.tailEnd() >= 0) {
                target.putTail(e.activity(), e.tailEnd());
            } else {
                target.put(e.window(), e.activity());
            }
        }
        return target;
    }

    private static Activity lookup(List<Entry> staged, ExecutionIndex index, long window) {
        for (int k = staged.size() - 1; k >= 0; k--) {
            if (staged.get(k).window() == window && staged.get(k).tailEnd() < 0) {
                return staged.get(k).activity();
            }
        }
        return index.isComplete(window) ? index.window(window) : null;
    }

    private static Activity summary(ByteSource in) throws ByteSource.Malformed {
        long exceptions = in.uvarint();
        long interrupts = in.uvarint();
        int n = count(in, "code granules");
        int[] granules = new int[n];
        int[] entries = new int[n];
        long prev = -1;
        for (int k = 0; k < n; k++) {
            prev = key(in, prev, 0x3FF_FFFFL, "code granule");
            granules[k] = (int) prev;
            long e = in.uvarint();
            if (e == 0 || e > 0xFFFF_FFFFL) {
                throw new ByteSource.Malformed("index entry mask " + e);
            }
            entries[k] = (int) e;
        }
        n = count(in, "written word groups");
        int[] groups = new int[n];
        long[] words = new long[n];
        prev = -1;
        for (int k = 0; k < n; k++) {
            prev = key(in, prev, 0xFF_FFFFL, "written word group");
            groups[k] = (int) prev;
            words[k] = in.i64();
            if (words[k] == 0) {
                throw new ByteSource.Malformed("index written word mask 0");
            }
        }
        try {
            return new Activity(granules, entries, groups, words, exceptions, interrupts);
        } catch (IllegalArgumentException e) {
            throw new ByteSource.Malformed("index summary: " + e.getMessage());
        }
    }

    private static int count(ByteSource in, String what) throws ByteSource.Malformed {
        long n = in.uvarint();
        if (n > (1 << 20)) {
            throw new ByteSource.Malformed("index summary of " + n + " " + what);
        }
        return (int) n;
    }

    private static long key(ByteSource in, long prev, long max, String what) throws ByteSource.Malformed {
        long k = prev + in.uvarint() + 1;
        if (k > max || k < 0) {
            throw new ByteSource.Malformed("index " + what + " number " + k);
        }
        return k;
    }
}
