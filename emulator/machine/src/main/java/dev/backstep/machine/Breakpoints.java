package dev.backstep.machine;

import java.util.HashSet;
import java.util.Set;

/** PC breakpoints, marked inside the decode cache so that they cost nothing while not hit. */
public final class Breakpoints {
    private final Set<Integer> set = new HashSet<>();
    private Cpu cpu;

    void attach(Cpu cpu) {
        this.cpu = cpu;
    }

    Set<Integer> backing() {
        return set;
    }

    public void add(int pc) {
        if (set.add(pc & ~1)) {
            cpu.markBreakpoint(pc & ~1);
        }
    }

    public void remove(int pc) {
        if (set.remove(pc & ~1)) {
            cpu.invalidateAt(pc & ~1);
        }
    }

    public void clear() {
        for (int pc : Set.copyOf(set)) {
            remove(pc);
        }
    }

    public boolean contains(int pc) {
        return set.contains(pc);
    }

    public Set<Integer> all() {
        return Set.copyOf(set);
    }
}
