package dev.backstep.replay;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Icount breakpoints: forward and reverse runs stop at exactly these icounts. */
final class IcountBreakpoints {
    private final TreeMap<Long, Integer> byIcount = new TreeMap<>();
    private int nextId = 1;

    /** Returns the id (the existing one if this icount has a breakpoint already). */
    int add(long icount) {
        if (icount < 0) {
            throw new IllegalArgumentException("negative icount " + icount);
        }
        Integer old = byIcount.get(icount);
        if (old != null) {
            return old;
        }
        int id = nextId++;
        byIcount.put(icount, id);
        return id;
    }

    boolean remove(int id) {
        return byIcount.values().remove(id);
    }

    Map<Long, Integer> view() {
        return Collections.unmodifiableMap(byIcount);
    }

    /** The first one after icount, or null. */
    Map.Entry<Long, Integer> after(long icount) {
        return byIcount.higherEntry(icount);
    }

    /** The last one before icount, or null. */
    Map.Entry<Long, Integer> before(long icount) {
        return byIcount.lowerEntry(icount);
    }
}
