package dev.backstep.replay.index;

import dev.backstep.machine.Activity;
import dev.backstep.machine.ActivityMarks;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a search looks for, as the execution index can tell it: a pc in a set (a run of code began in its 64-byte
 * granule at or below it, see {@code ActivityMarks}), a write
 * to an address range (a 64-byte line covering it, or the few bytes before it that a store there could start in, was
 * written), a trap of some causes. A window "may match" when any of them may have happened in it; a query that
 * cannot be told from the index (a read watchpoint, a condition that may hold anywhere) matches every window.
 * Immutable.
 */
public final class IndexQuery {
    private static final IndexQuery ANYTHING = new IndexQuery(true, new int[0], new int[0], new int[0], new long[0],
            0, 0);
    /** A write range wider than this is not worth a mask per page: every window may match. */
    private static final long MAX_WRITE_RANGE = 1L << 20;

    private final boolean anything;
    private final int[] codeGranules;
    private final int[] codeEntries;
    private final int[] writePages;
    private final long[] writeMasks;
    private final long exceptions;
    private final long interrupts;

    private IndexQuery(boolean anything, int[] codeGranules, int[] codeEntries, int[] writePages, long[] writeMasks,
                       long exceptions, long interrupts) {
        this.anything = anything;
        this.codeGranules = codeGranules;
        this.codeEntries = codeEntries;
        this.writePages = writePages;
        this.writeMasks = writeMasks;
        this.exceptions = exceptions;
        this.interrupts = interrupts;
    }

    /** Matches every window: nothing can be skipped. */
    public static IndexQuery anything() {
        return ANYTHING;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether nothing can be skipped for this query. */
    public boolean matchesEverything() {
        return anything;
    }

    /** Whether nothing at all can match (an empty query: every window can be skipped). */
    public boolean matchesNothing() {
        return !anything && codeGranules.length == 0 && writePages.length == 0 && exceptions == 0 && interrupts == 0;
    }

    /** Whether a stretch of execution that did {@code a} may hold a match. */
    public boolean mayMatch(Activity a) {
        if (anything) {
            return true;
        }
        if ((a.exceptions() & exceptions) != 0 || (a.interrupts() & interrupts) != 0) {
            return true;
        }
        for (int k = 0; k < codeGranules.length; k++) {
            if ((a.codeEntries(codeGranules[k]) & codeEntries[k]) != 0) {
                return true;
            }
        }
        for (int k = 0; k < writePages.length; k++) {
            if ((a.writeMask(writePages[k]) & writeMasks[k]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Builds a query as the union of what it is given. */
    public static final class Builder {
        private boolean anything;
        private final TreeMap<Integer, Integer> code = new TreeMap<>(Integer::compareUnsigned);
        private final TreeMap<Integer, Long> writes = new TreeMap<>(Integer::compareUnsigned);
        private long exceptions;
        private long interrupts;

        /** An instruction at this pc executed: a run began in its granule at or below it. */
        public Builder pc(int pc) {
            code.merge(pc >>> ActivityMarks.GRANULE_SHIFT, Activity.entriesUpTo(pc), (x, y) -> x | y);
            return this;
        }

        public Builder pcs(int[] pcs) {
            for (int pc : pcs) {
                pc(pc);
            }
            return this;
        }

        /** Some store wrote a byte of [address, address + length). */
        public Builder write(int address, long length) {
            if (length <= 0) {
                return this;
            }
            if (length > MAX_WRITE_RANGE) {
                anything = true;
                return this;
            }
            // a store marks the line of its first byte, which may lie up to MAX_STORE - 1 bytes before the range
            long from = (Integer.toUnsignedLong(address) - (ActivityMarks.MAX_STORE - 1)) & 0xFFFF_FFFFL;
            long to = Integer.toUnsignedLong(address) + length;
            if (from > Integer.toUnsignedLong(address)) {
                from = 0; // wrapped below 0
            }
            long lineSize = 1L << ActivityMarks.LINE_SHIFT;
            for (long a = from & ~(lineSize - 1); a < to && a <= 0xFFFF_FFFFL; a += lineSize) {
                writes.merge((int) (a >>> 12), 1L << (a >>> ActivityMarks.LINE_SHIFT), (x, y) -> x | y);
            }
            return this;
        }

        /** A trap with one of these exception causes (bit per mcause) or interrupt causes was entered. */
        public Builder traps(long exceptionCauses, long interruptCauses) {
            exceptions |= exceptionCauses;
            interrupts |= interruptCauses;
            return this;
        }

        /** Something the index cannot tell: every window may match. */
        public Builder anything() {
            anything = true;
            return this;
        }

        public IndexQuery build() {
            if (anything) {
                return ANYTHING;
            }
            return new IndexQuery(false, keys(code), code.values().stream().mapToInt(Integer::intValue).toArray(),
                    keys(writes), values(writes), exceptions, interrupts);
        }

        private static int[] keys(Map<Integer, ?> m) {
            return m.keySet().stream().mapToInt(Integer::intValue).toArray();
        }

        private static long[] values(Map<Integer, Long> m) {
            return m.values().stream().mapToLong(Long::longValue).toArray();
        }
    }
}
