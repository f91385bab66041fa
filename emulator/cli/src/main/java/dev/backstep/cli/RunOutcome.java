package dev.backstep.cli;

import dev.backstep.machine.ElfImage;
import dev.backstep.machine.Machine;
import dev.backstep.machine.MachineStop;
import dev.backstep.machine.MachineStopReason;
import java.io.PrintStream;

/** How a plain run ended, and the exit status the CLI gives for it. */
record RunOutcome(MachineStop stop, long limit) {
    /** The run reached --max-instructions, or waits forever for input. Same code as timeout(1). */
    static final int STATUS_UNFINISHED = 124;
    /** The hart can make no progress: trap entry keeps faulting. */
    static final int STATUS_TRAP_LOOP = 125;
    /** The guest asked the test finisher for a reset, which a plain run does not emulate. */
    static final int STATUS_RESET = 126;

    /** Runs until the guest exits or can make no progress; debug stops cannot happen here and are passed over. */
    static RunOutcome runToEnd(Machine m, long limit, GuestConsole console) {
        while (true) {
            MachineStopReason r = m.run(limit);
            switch (r) {
                case EXIT, LIMIT, IDLE, TRAP_LOOP -> {
                    return new RunOutcome(m.lastStop(), limit);
                }
                default -> console.flush();
            }
        }
    }

    int report(PrintStream err, ElfImage elf) {
        return switch (stop.reason()) {
            case EXIT -> switch (stop.exit().kind()) {
                case PASS -> 0;
                case FAIL -> stop.exit().code() & 0xFF;
                case RESET -> {
                    err.println("backstep: the guest requested a reset at icount " + stop.icount()
                            + " (not emulated by 'run')");
                    yield STATUS_RESET;
                }
            };
            case LIMIT -> {
                err.println("backstep: instruction limit of " + limit + " reached at pc " + where(elf));
                yield STATUS_UNFINISHED;
            }
            case IDLE -> {
                err.println("backstep: the guest waits in wfi for input that will never come (input ended) at pc "
                        + where(elf) + ", icount " + stop.icount());
                yield STATUS_UNFINISHED;
            }
            case TRAP_LOOP -> {
                err.println("backstep: the hart is stuck in a trap loop at pc " + where(elf) + ", icount "
                        + stop.icount() + ": " + stop.description()
                        + " (mcause=0x" + Integer.toHexString(stop.trap().cause()) + ", mtval=0x"
                        + Integer.toHexString(stop.trap().tval()) + ")");
                yield STATUS_TRAP_LOOP;
            }
            default -> throw new IllegalStateException("unexpected stop " + stop);
        };
    }

    private String where(ElfImage elf) {
        String sym = elf.symbolize(stop.pc());
        return "0x" + Integer.toHexString(stop.pc()) + (sym == null ? "" : " <" + sym + ">");
    }
}
