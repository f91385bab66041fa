package dev.backstep.replay.stop;

import dev.backstep.machine.Machine;

/** A condition on the machine state at a stop (breakpoint condition, watchpoint condition). Must not change the machine. */
@FunctionalInterface
public interface MachineCondition {
    boolean test(Machine m);
}
