package dev.backstep.machine;

import java.util.Arrays;

/**
 * What the machine did over a stretch of execution ({@link ActivityMarks#take()}):
 * <ul>
 *   <li>code: per 64-byte granule entered (granule number = {@code pc >>> 6}, ascending), a 32-bit mask of the halfword
 *       offsets at which runs of straight-line code began in it (see {@link ActivityMarks}); an instruction at pc may
 *       have run only if its granule's mask has a bit at or below its offset ({@link #mayHaveRun(int)});
 *   <li>writes: per group of 64 words of RAM written (group number = {@code address >>> 8}, ascending), a 64-bit mask
 *       of the 4-byte words in which stores began;
 *   <li>traps: bit masks of the exception causes and of the interrupt causes (mcause without the interrupt bit; causes
 *       above 63 count as 63) entered.
 * </ul>
 * Immutable; the arrays are not copied, do not change them.
 */
public record Activity(int[] codeGranules, int[] codeEntries, int[] writeGroups, long[] writeMasks, long exceptions,
                       long interrupts) {

    public static final Activity NONE = new Activity(new int[0], new int[0], new int[0], new long[0], 0, 0);

    public Activity {
        if (codeGranules.length != codeEntries.length || writeGroups.length != writeMasks.length) {
            throw new IllegalArgumentException("keys and masks differ in length");
        }
        ascending(codeGranules, "code granules");
        ascending(writeGroups, "written groups");
    }

    private static void ascending(int[] keys, String what) {
        for (int k = 1; k < keys.length; k++) {
            if (Integer.compareUnsigned(keys[k - 1], keys[k]) >= 0) {
                throw new IllegalArgumentException(what + " not ascending");
            }
        }
    }

    /** From keys in any order (each at most once). */
    static Activity of(int[] codeGranules, int[] codeEntries, int[] writeGroups, long[] writeMasks, long exceptions,
                       long interrupts) {
        long[] e = new long[codeEntries.length];
        for (int k = 0; k < e.length; k++) {
            e[k] = codeEntries[k];
        }
        sortPairs(codeGranules, e);
        for (int k = 0; k < e.length; k++) {
            codeEntries[k] = (int) e[k];
        }
        sortPairs(writeGroups, writeMasks);
        return new Activity(codeGranules, codeEntries, writeGroups, writeMasks, exceptions, interrupts);
    }

    /** Everything either did. */
    public Activity union(Activity o) {
        if (o == this || o.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return o;
        }
        long[][] c = merge(codeGranules, widen(codeEntries), o.codeGranules, widen(o.codeEntries));
        long[][] w = merge(writeGroups, writeMasks, o.writeGroups, o.writeMasks);
        return new Activity(narrow(c[0]), narrow(c[1]), narrow(w[0]), w[1], exceptions | o.exceptions,
                interrupts | o.interrupts);
    }

    public boolean isEmpty() {
        return codeGranules.length == 0 && writeGroups.length == 0 && exceptions == 0 && interrupts == 0;
    }

    /** The entry mask of granule {@code granule} (0 when no run began there). */
    public int codeEntries(int granule) {
        int k = find(codeGranules, granule);
        return k < 0 ? 0 : codeEntries[k];
    }

    /** Whether the instruction at pc may have run: a run began in its granule at or below it. */
    public boolean mayHaveRun(int pc) {
        return (codeEntries(pc >>> ActivityMarks.GRANULE_SHIFT) & entriesUpTo(pc)) != 0;
    }

    /** The entry offsets from which a run may reach pc: every halfword of its granule at or below it. */
    public static int entriesUpTo(int pc) {
        int offset = (pc >>> 1) & 31;
        return offset == 31 ? -1 : (2 << offset) - 1;
    }

    /** The written-word mask of group number {@code group} (0 when nothing was written there). */
    public long writeMask(int group) {
        int k = find(writeGroups, group);
        return k < 0 ? 0 : writeMasks[k];
    }

    private static int find(int[] keys, int key) {
        int lo = 0;
        int hi = keys.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Integer.compareUnsigned(keys[mid], key);
            if (c == 0) {
                return mid;
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Activity a && exceptions == a.exceptions && interrupts == a.interrupts
                && Arrays.equals(codeGranules, a.codeGranules) && Arrays.equals(codeEntries, a.codeEntries)
                && Arrays.equals(writeGroups, a.writeGroups) && Arrays.equals(writeMasks, a.writeMasks);
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(codeGranules);
        h = 31 * h + Arrays.hashCode(codeEntries);
        h = 31 * h + Arrays.hashCode(writeGroups);
        h = 31 * h + Arrays.hashCode(writeMasks);
        return 31 * h + Long.hashCode(exceptions * 31 + interrupts);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Activity[entries");
        for (int k = 0; k < codeGranules.length; k++) {
            sb.append(String.format(" %08x:%08x", codeGranules[k] << ActivityMarks.GRANULE_SHIFT, codeEntries[k]));
        }
        sb.append(", writes");
        for (int k = 0; k < writeGroups.length; k++) {
            sb.append(String.format(" %08x:%016x", writeGroups[k] << ActivityMarks.WRITE_GROUP_SHIFT, writeMasks[k]));
        }
        return sb.append(String.format(", exceptions %x, interrupts %x]", exceptions, interrupts)).toString();
    }

    private static void sortPairs(int[] keys, long[] masks) {
        // insertion sort: a take lists a few hundred keys at most, mostly in order already
        for (int i = 1; i < keys.length; i++) {
            int p = keys[i];
            long m = masks[i];
            int j = i - 1;
            while (j >= 0 && Integer.compareUnsigned(keys[j], p) > 0) {
                keys[j + 1] = keys[j];
                masks[j + 1] = masks[j];
                j--;
            }
            keys[j + 1] = p;
            masks[j + 1] = m;
        }
    }

    private static long[][] merge(int[] ak, long[] am, int[] bk, long[] bm) {
        long[] keys = new long[ak.length + bk.length];
        long[] masks = new long[keys.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < ak.length || j < bk.length) {
            int c = i == ak.length ? 1 : j == bk.length ? -1 : Integer.compareUnsigned(ak[i], bk[j]);
            if (c < 0) {
                keys[n] = ak[i];
                masks[n++] = am[i++];
            } else if (c > 0) {
                keys[n] = bk[j];
                masks[n++] = bm[j++];
            } else {
                keys[n] = ak[i];
                masks[n++] = am[i++] | bm[j++];
            }
        }
        return new long[][] {Arrays.copyOf(keys, n), Arrays.copyOf(masks, n)};
    }

    private static long[] widen(int[] a) {
        long[] r = new long[a.length];
        for (int k = 0; k < a.length; k++) {
            r[k] = a[k] & 0xFFFF_FFFFL;
        }
        return r;
    }

    private static int[] narrow(long[] a) {
        int[] r = new int[a.length];
        for (int k = 0; k < a.length; k++) {
            r[k] = (int) a[k];
        }
        return r;
    }
}
