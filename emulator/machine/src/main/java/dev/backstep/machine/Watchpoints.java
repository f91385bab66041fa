package dev.backstep.machine;

import java.util.ArrayList;
import java.util.List;

/** Data watchpoints on RAM ranges. Pages holding one are flagged so that only their accesses take the slow path. */
public final class Watchpoints {
    /** One watched range. */
    public record Watch(int id, int addr, int len, boolean read, boolean write) {
        boolean overlaps(int a, int size) {
            long lo = Integer.toUnsignedLong(addr);
            long x = Integer.toUnsignedLong(a);
            return x < lo + len && lo < x + size;
        }
    }

    private final Ram ram;
    private final List<Watch> watches = new ArrayList<>();
    private int nextId = 1;

    Watchpoints(Ram ram) {
        this.ram = ram;
    }

    public int add(int addr, int len, boolean read, boolean write) {
        if (len <= 0) {
            throw new IllegalArgumentException("watch length must be positive: " + len);
        }
        Watch w = new Watch(nextId++, addr, len, read, write);
        watches.add(w);
        reflag();
        return w.id();
    }

    public boolean remove(int id) {
        boolean removed = watches.removeIf(w -> w.id() == id);
        reflag();
        return removed;
    }

    public void clear() {
        watches.clear();
        reflag();
    }

    public List<Watch> list() {
        return List.copyOf(watches);
    }

    /** The watch hit by an access, or null. */
    Watch match(int addr, int size, boolean write) {
        for (Watch w : watches) {
            if ((write ? w.write() : w.read()) && w.overlaps(addr, size)) {
                return w;
            }
        }
        return null;
    }

    private void reflag() {
        for (int i = 0; i < ram.pageCount; i++) {
            if ((ram.flags[i] & (Ram.WATCH_R | Ram.WATCH_W)) != 0) {
                ram.flags[i] &= ~(Ram.WATCH_R | Ram.WATCH_W);
                ram.refresh(i);
            }
        }
        for (Watch w : watches) {
            long start = Integer.toUnsignedLong(w.addr());
            for (long a = start & ~0xFFFL; a < start + w.len(); a += Ram.PAGE) {
                int i = ram.index((int) a);
                if (i >= 0) {
                    int f = (w.read() ? Ram.WATCH_R : 0) | (w.write() ? Ram.WATCH_W : 0);
                    ram.flags[i] |= f;
                    ram.refresh(i);
                }
            }
        }
    }
}
