package dev.backstep.machine;

import java.util.Arrays;

/**
 * What the machine did over a stretch of execution ({@link ActivityMarks#take()}): per page (number =
 * {@code address >>> 12}, ascending), a 64-bit mask of the 64-byte code granules executed and of the 64-byte RAM
 * lines written; and bit masks of the exception causes and interrupt causes (mcause without the interrupt bit, causes
 * above 63 counted as 63) of the traps entered. Immutable; arrays are not copied, do not change them.
 */
public record Activity(int[] codePages, long[] codeMasks, int[] writePages, long[] writeMasks, long exceptions,
                       long interrupts) {

    public static final Activity NONE = new Activity(new int[0], new long[0], new int[0], new long[0], 0, 0);

    public Activity {
        if (codePages.length != codeMasks.length || writePages.length != writeMasks.length) {
            throw new IllegalArgumentException("pages and masks differ in length");
        }
        for (int k = 1; k < codePages.length; k++) {
            if (Integer.compareUnsigned(codePages[k - 1], codePages[k]) >= 0) {
                throw new IllegalArgumentException("code pages not ascending");
            }
        }
        for (int k = 1; k < writePages.length; k++) {
            if (Integer.compareUnsigned(writePages[k - 1], writePages[k]) >= 0) {
                throw new IllegalArgumentException("written pages not ascending");
            }
        }
    }

    /** From pages in any order (each at most once). */
    static Activity of(int[] codePages, long[] codeMasks, int[] writePages, long[] writeMasks, long exceptions,
                       long interrupts) {
        sortPairs(codePages, codeMasks);
        sortPairs(writePages, writeMasks);
        return new Activity(codePages, codeMasks, writePages, writeMasks, exceptions, interrupts);
    }

    /** Everything either did. */
    public Activity union(Activity o) {
        if (o == this || o.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return o;
        }
        long[][] c = merge(codePages, codeMasks, o.codePages, o.codeMasks);
        long[][] w = merge(writePages, writeMasks, o.writePages, o.writeMasks);
        return new Activity(toInts(c[0]), c[1], toInts(w[0]), w[1], exceptions | o.exceptions,
                interrupts | o.interrupts);
    }

    public boolean isEmpty() {
        return codePages.length == 0 && writePages.length == 0 && exceptions == 0 && interrupts == 0;
    }

    /** The code granule mask of page number {@code page} (0 when nothing ran there). */
    public long codeMask(int page) {
        int k = find(codePages, page);
        return k < 0 ? 0 : codeMasks[k];
    }

    /** The written-line mask of page number {@code page} (0 when nothing was written there). */
    public long writeMask(int page) {
        int k = find(writePages, page);
        return k < 0 ? 0 : writeMasks[k];
    }

    private static int find(int[] pages, int page) {
        int lo = 0;
        int hi = pages.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Integer.compareUnsigned(pages[mid], page);
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
                && Arrays.equals(codePages, a.codePages) && Arrays.equals(codeMasks, a.codeMasks)
                && Arrays.equals(writePages, a.writePages) && Arrays.equals(writeMasks, a.writeMasks);
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(codePages);
        h = 31 * h + Arrays.hashCode(codeMasks);
        h = 31 * h + Arrays.hashCode(writePages);
        h = 31 * h + Arrays.hashCode(writeMasks);
        return 31 * h + Long.hashCode(exceptions * 31 + interrupts);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Activity[code");
        for (int k = 0; k < codePages.length; k++) {
            sb.append(String.format(" %05x:%016x", codePages[k], codeMasks[k]));
        }
        sb.append(", writes");
        for (int k = 0; k < writePages.length; k++) {
            sb.append(String.format(" %05x:%016x", writePages[k], writeMasks[k]));
        }
        return sb.append(String.format(", exceptions %x, interrupts %x]", exceptions, interrupts)).toString();
    }

    private static void sortPairs(int[] pages, long[] masks) {
        // insertion sort: a take lists a handful of pages
        for (int i = 1; i < pages.length; i++) {
            int p = pages[i];
            long m = masks[i];
            int j = i - 1;
            while (j >= 0 && Integer.compareUnsigned(pages[j], p) > 0) {
                pages[j + 1] = pages[j];
                masks[j + 1] = masks[j];
                j--;
            }
            pages[j + 1] = p;
            masks[j + 1] = m;
        }
    }

    private static long[][] merge(int[] ap, long[] am, int[] bp, long[] bm) {
        long[] pages = new long[ap.length + bp.length];
        long[] masks = new long[pages.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < ap.length || j < bp.length) {
            int c = i == ap.length ? 1 : j == bp.length ? -1 : Integer.compareUnsigned(ap[i], bp[j]);
            if (c < 0) {
                pages[n] = ap[i];
                masks[n++] = am[i++];
            } else if (c > 0) {
                pages[n] = bp[j];
                masks[n++] = bm[j++];
            } else {
                pages[n] = ap[i];
                masks[n++] = am[i++] | bm[j++];
            }
        }
        return new long[][] {Arrays.copyOf(pages, n), Arrays.copyOf(masks, n)};
    }

    private static int[] toInts(long[] a) {
        int[] r = new int[a.length];
        for (int k = 0; k < a.length; k++) {
            r[k] = (int) a[k];
        }
        return r;
    }
}
