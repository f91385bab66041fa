package dev.backstep.debuginfo.line;

import java.util.List;

/** Rows of one contiguous run of code, ending with its end-of-sequence row; addresses never decrease. */
public record LineSequence(List<LineRow> rows) {
    public long start() {
        return rows.get(0).address();
    }

    public long end() {
        return rows.get(rows.size() - 1).address();
    }

    public boolean contains(long addr) {
        return addr >= start() && addr < end();
    }

    /** Index of the row that describes addr: the last is_stmt row at the highest address not above it. */
    int rowIndexFor(long addr) {
        int lo = 0;
        int hi = rows.size() - 2;
        int idx = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (rows.get(mid).address() <= addr) {
                idx = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (idx < 0) {
            return -1;
        }
        long at = rows.get(idx).address();
        for (int i = idx; i >= 0 && rows.get(i).address() == at; i--) {
            if (rows.get(i).isStmt()) {
                return i;
            }
        }
        return idx;
    }
}
