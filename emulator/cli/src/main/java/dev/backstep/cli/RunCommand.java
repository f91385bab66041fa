package dev.backstep.cli;

import dev.backstep.machine.ElfImage;
import dev.backstep.machine.Machine;
import dev.backstep.machine.MachineConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backstep run}: runs a program live, UART to stdout, input from stdin or a file. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a program on the virt machine: UART output to stdout, UART input from stdin (or --input).",
                "With --semihosting, semihosting console output goes to stdout too and its console input comes from "
                        + "the same input.",
                "The exit status is the program's exit code (SiFive test finisher)."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PROG.elf", description = "RV32 ELF to run")
    Path program;

    @Mixin
    MachineOptions machine;

    @Mixin
    TranslateOption engine;

    @Option(names = "--max-instructions", paramLabel = "N", converter = PositiveCount.class,
            description = "stop after N instructions (default: no limit)")
    Long maxInstructions;

    @Option(names = "--input", paramLabel = "FILE",
            description = "file fed to the UART instead of stdin ('-' = stdin)")
    String input;

    @Override
    public Integer call() throws Exception {
        ElfImage elf = ElfImage.read(UserFiles.requireReadable(program));
        MachineConfig cfg = engine.apply(machine.config(program));
        AtomicBoolean cancelled = new AtomicBoolean();
        try (GuestConsole console = new GuestConsole(System.out);
             HostInput in = HostInput.open(input, machine.host())) {
            Machine m = new Machine(cfg, in.source(), console);
            m.load(elf);
            long limit = maxInstructions == null ? Long.MAX_VALUE : maxInstructions;
            RunOutcome outcome;
            try (CtrlC ctrlC = CtrlC.handle(() -> {
                cancelled.set(true);
                m.interrupt();
            })) {
                outcome = RunOutcome.runToEnd(m, limit, console, cancelled::get);
            }
            console.flush();
            if (outcome == null) {
                System.err.println(StopWords.cancelled(m.icount()));
                return ExitStatus.INTERRUPTED;
            }
            return outcome.report(System.err, elf);
        }
    }
}
