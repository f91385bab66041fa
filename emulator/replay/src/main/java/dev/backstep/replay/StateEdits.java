package dev.backstep.replay;

import dev.backstep.machine.Machine;
import dev.backstep.machine.MachineConfig;
import dev.backstep.replay.format.StateEdit;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The debugger's changes to the machine state, by icount. They are applied whenever the machine is at their icount
 * (a restore there, a run that arrives there), after the state digest of that icount: the state recorded at an icount
 * is the one before the debugger changed it. Edits are absolute writes, so applying the ones of an icount again at
 * that icount changes nothing.
 */
final class StateEdits {
    private final TreeMap<Long, List<StateEdit>> byIcount = new TreeMap<>();

    void add(StateEdit e) {
        byIcount.computeIfAbsent(e.icount(), k -> new ArrayList<>()).add(e);
    }

    void applyAt(long icount, Machine m) {
        List<StateEdit> here = byIcount.get(icount);
        if (here != null) {
            for (StateEdit e : here) {
                apply(e, m);
            }
        }
    }

    /** The next icount after {@code now} with edits (runs end their slices there), or MAX_VALUE. */
    long nextAfter(long now) {
        Long k = byIcount.isEmpty() ? null : byIcount.higherKey(now);
        return k == null ? Long.MAX_VALUE : k;
    }

    /** Every edit, in icount order. */
    List<StateEdit> all() {
        List<StateEdit> out = new ArrayList<>();
        byIcount.values().forEach(out::addAll);
        return out;
    }

    static void apply(StateEdit e, Machine m) {
        switch (e.target()) {
            case REGISTER -> m.hart().setX(e.index(), e.value());
            case PC -> m.hart().setPc(e.value());
            case CSR -> m.hart().setCsr(e.index(), e.value());
            case MEMORY -> m.memory().writeBytes(e.index(), e.bytes());
        }
    }

    /**
     * The edit a debugger asks for at icount {@code now}, checked against the machine.
     *
     * @throws IllegalArgumentException for a memory edit outside RAM or a CSR the hart does not have
     */
    static StateEdit checked(long now, StateEdit.Target target, int index, byte[] bytes, Machine m) {
        StateEdit e = new StateEdit(now, target, index, bytes);
        if (target == StateEdit.Target.MEMORY) {
            long ramSize = m.config().ramSize();
            long start = index & 0xffffffffL;
            long ramStart = MachineConfig.RAM_BASE & 0xffffffffL;
            if (start < ramStart || start + bytes.length > ramStart + ramSize) {
                throw new IllegalArgumentException(String.format("cannot write 0x%08x..0x%08x: only RAM can be "
                        + "changed (0x%08x..0x%08x)", start, start + bytes.length - 1, ramStart,
                        ramStart + ramSize - 1));
            }
        }
        if (target == StateEdit.Target.CSR && !m.hart().hasCsr(index)) {
            throw new IllegalArgumentException(String.format("no CSR 0x%03x", index));
        }
        return e;
    }
}
