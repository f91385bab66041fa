package dev.backstep.cli;

import dev.backstep.machine.ElfImage;
import dev.backstep.machine.Machine;
import dev.backstep.machine.MachineStop;
import dev.backstep.machine.MachineStopReason;
import java.io.PrintStream;
import java.util.function.BooleanSupplier;

/** How a plain run ended, and the exit status the CLI gives for it. */
record RunOutcome(MachineStop stop, long limit) {
    /** Kept for the tests written against them: {@link ExitStatus}. */
    static final int STATUS_UNFINISHED = ExitStatus.UNFINISHED;
    static final int STATUS_TRAP_LOOP = ExitStatus.TRAP_LOOP;
    static final int STATUS_RESET = ExitStatus.RESET;

    /**
     * Runs until the guest exits or can make no progress; debug stops cannot happen here and are passed over.
     * Null when {@code cancelled} turned true (Ctrl-C: the machine was interrupted).
     */
    static RunOutcome runToEnd(Machine m, long limit, GuestConsole console, BooleanSupplier cancelled) {
        while (true) {
            MachineStopReason r = m.run(limit);
            switch (r) {
                case EXIT, LIMIT, IDLE, TRAP_LOOP -> {
                    return new RunOutcome(m.lastStop(), limit);
                }
                default -> {
                    console.flush();
                    if (cancelled.getAsBoolean()) {
                        return null;
                    }
                }
            }
        }
    }

    int report(PrintStream err, ElfImage elf) {
        return switch (stop.reason()) {
            case EXIT -> switch (stop.exit().kind()) {
                case PASS -> ExitStatus.OK;
                case FAIL -> ExitStatus.ofGuest(stop.exit().code());
                case RESET -> {
                    err.println(StopWords.reset(stop.icount()));
                    yield ExitStatus.RESET;
                }
            };
            case LIMIT -> {
                err.println(StopWords.limit(limit, where(elf)));
                yield ExitStatus.UNFINISHED;
            }
            case IDLE -> {
                err.println(StopWords.idle(where(elf), stop.icount()));
                yield ExitStatus.UNFINISHED;
            }
            case TRAP_LOOP -> {
                err.println(StopWords.trapLoop(where(elf), stop.icount(), stop.description(), stop.trap().cause(),
                        stop.trap().tval()));
                yield ExitStatus.TRAP_LOOP;
            }
            default -> throw new IllegalStateException("unexpected stop " + stop);
        };
    }

    private String where(ElfImage elf) {
        return StopWords.pc(stop.pc(), elf.symbolize(stop.pc()));
    }
}
