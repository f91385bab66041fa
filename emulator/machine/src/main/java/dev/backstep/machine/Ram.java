package dev.backstep.machine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Guest RAM as lazily allocated 4 KiB pages. Two views make the fast paths a single null check:
 * {@code readPages[i]} is the page (or a shared zero page) unless reads are watched, and
 * {@code writePages[i]} is the page only when a store may go straight in (allocated, not shared with
 * a snapshot, holding no decoded code, not write-watched).
 */
final class Ram {
    static final int PAGE = 4096;
    static final int SHARED = 1, CODE = 2, WATCH_R = 4, WATCH_W = 8;
    static final byte[] ZERO = new byte[PAGE];
    static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    final int base;
    final long size;
    final int pageCount;
    final byte[][] pages;
    final byte[][] readPages;
    final byte[][] writePages;
    final byte[] flags;

    Ram(int base, long size) {
        this.base = base;
        this.size = size;
        this.pageCount = (int) (size / PAGE);
        this.pages = new byte[pageCount][];
        this.readPages = new byte[pageCount][];
        this.writePages = new byte[pageCount][];
        this.flags = new byte[pageCount];
        java.util.Arrays.fill(readPages, ZERO);
    }

    /** Page index of addr, or -1 outside RAM. */
    int index(int addr) {
        long off = Integer.toUnsignedLong(addr - base);
        return off < size ? (int) (off >>> 12) : -1;
    }

    void refresh(int i) {
        byte[] p = pages[i];
        int f = flags[i];
        readPages[i] = (f & WATCH_R) != 0 ? null : p == null ? ZERO : p;
        writePages[i] = p == null || (f & (SHARED | CODE | WATCH_W)) != 0 ? null : p;
    }

    void setFlag(int i, int flag, boolean on) {
        flags[i] = (byte) (on ? flags[i] | flag : flags[i] & ~flag);
        refresh(i);
    }

    /** The page for reading (ZERO when absent). */
    byte[] pageForRead(int i) {
        byte[] p = pages[i];
        return p == null ? ZERO : p;
    }

    /** The page for writing: allocated, or copied if it is shared with a snapshot. */
    byte[] pageForWrite(int i) {
        byte[] p = pages[i];
        if (p == null) {
            p = new byte[PAGE];
            pages[i] = p;
            refresh(i);
        } else if ((flags[i] & SHARED) != 0) {
            p = p.clone();
            pages[i] = p;
            flags[i] &= ~SHARED;
            refresh(i);
        }
        return p;
    }

    /** Marks every present page shared with a snapshot. */
    void shareAll() {
        for (int i = 0; i < pageCount; i++) {
            if (pages[i] != null) {
                flags[i] |= SHARED;
                writePages[i] = null;
            }
        }
    }

    /** Replaces all pages by those of a snapshot (shared), clearing CODE flags. */
    void restorePages(byte[][] snap) {
        System.arraycopy(snap, 0, pages, 0, pageCount);
        for (int i = 0; i < pageCount; i++) {
            int f = flags[i] & (WATCH_R | WATCH_W);
            if (pages[i] != null) {
                f |= SHARED;
            }
            flags[i] = (byte) f;
            refresh(i);
        }
    }

    void clear() {
        java.util.Arrays.fill(pages, null);
        for (int i = 0; i < pageCount; i++) {
            flags[i] &= WATCH_R | WATCH_W;
            refresh(i);
        }
    }

    static boolean isZero(byte[] p) {
        for (int o = 0; o < PAGE; o += 8) {
            if ((long) I64.get(p, o) != 0) {
                return false;
            }
        }
        return true;
    }
}
