package dev.backstep.debuginfo.frame;

import java.util.List;

/** A frame description entry: the unwind rows for the code in [start, end), from .debug_frame or .eh_frame. */
public record Fde(String section, int offset, Cie cie, long start, long end, List<UnwindRow> rows) {
    public boolean contains(long pc) {
        return pc >= start && pc < end;
    }

    /** The row in force at pc (the last one whose address is not above it). */
    public UnwindRow rowAt(long pc) {
        UnwindRow found = rows.get(0);
        for (UnwindRow r : rows) {
            if (r.address() <= pc) {
                found = r;
            } else {
                break;
            }
        }
        return found;
    }
}
