package dev.backstep.replay.index;

import dev.backstep.machine.Activity;
import dev.backstep.machine.ActivityMarks;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a search looks for, as the execution index can tell it: a pc in a set (a run of code began in its 64-byte
 * granule at or below it, see {@code ActivityMarks}), a write to an address range (a store began in a 4-byte word of it,
 * or in the few bytes before it from which a store reaches it), a trap of some causes. A window "may match" when any of them may have happened in it; a query that
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
    private final int[] writeGroups;
    private final long[] writeMasks;
    private final long exceptions;
    private final long interrupts;

    private IndexQuery(boolean anything, int[] codeGranules, int[] codeEntries, int[] writeGroups, long[] writeMasks,
                       long exceptions, long interrupts) {
        this.anything = anything;
        this.codeGranules = codeGranules;
        this.codeEntries = codeEntries;
        this.writeGroups = writeGroups;
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
        return !anything && codeGranules.length == 0 && writeGroups.length == 0 && exceptions == 0 && interrupts == 0;
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
        for (int k = 0; k < writeGroups.length; k++) {
            if ((a.writeMask(writeGroups[k]) & writeMasks[k]) != 0) {
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
            return pc(pc, null);
        }

        /**
         * An instruction at this pc executed: a run began in its granule at or below it, and from there the code
         * (when known, else null) can reach it ({@link GranuleFlow}).
         */
        public Builder pc(int pc, GranuleFlow.Code known) {
            int entries = known == null ? Activity.entriesUpTo(pc) : GranuleFlow.entriesReaching(pc, known);
            code.merge(pc >>> ActivityMarks.GRANULE_SHIFT, entries, (x, y) -> x | y);
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
            // a store marks the word of its first byte, which may lie up to MAX_STORE - 1 bytes before the range
            long start = Integer.toUnsignedLong(address);
            long from = Math.max(0, start - (ActivityMarks.MAX_STORE - 1));
            long to = Math.min(start + length, 1L << 32);
            long word = 1L << ActivityMarks.WORD_SHIFT;
            for (long a = from & ~(word - 1); a < to; a += word) {
                writes.merge((int) (a >>> ActivityMarks.WRITE_GROUP_SHIFT), 1L << (a >>> ActivityMarks.WORD_SHIFT),
                        (x, y) -> x | y);
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
            code.values().removeIf(e -> e == 0); // pcs no run can reach (after a jump, in dead code)
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
