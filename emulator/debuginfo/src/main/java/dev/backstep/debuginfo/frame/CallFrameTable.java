package dev.backstep.debuginfo.frame;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** FDEs of .debug_frame and .eh_frame, indexed by address; .debug_frame wins where both describe a pc. */
public final class CallFrameTable {
    private final List<Fde> fdes;

    public CallFrameTable(List<Fde> debugFrame, List<Fde> ehFrame) {
        List<Fde> all = new ArrayList<>(debugFrame);
        all.addAll(ehFrame);
        all.removeIf(f -> f.end() <= f.start());
        all.sort(Comparator.comparingLong(Fde::start));
        this.fdes = List.copyOf(all);
    }

    public List<Fde> fdes() {
        return fdes;
    }

    public Optional<Fde> fdeFor(long pc) {
        Fde best = null;
        for (Fde f : fdes) {
            if (f.start() > pc) {
                break;
            }
            if (f.contains(pc) && (best == null || f.section().equals(".debug_frame"))) {
                best = f;
            }
        }
        return Optional.ofNullable(best);
    }
}
