package dev.backstep.cli;

import dev.backstep.machine.ElfImage;
import dev.backstep.machine.Machine;
import dev.backstep.machine.MachineConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backstep run}: runs a program live, UART to stdout, input from stdin or a file. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a program on the virt machine: UART output to stdout, UART input from stdin (or --input).",
                "The exit status is the guest's exit code (SiFive test finisher)."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PROG.elf", description = "RV32 ELF to run")
    Path program;

    @Mixin
    MachineOptions machine;

    @Mixin
    TranslateOption engine;

    @Option(names = "--max-instructions", paramLabel = "N",
            description = "stop after N instructions (default: no limit)")
    Long maxInstructions;

    @Option(names = "--input", paramLabel = "FILE",
            description = "file fed to the UART instead of stdin ('-' = stdin)")
    String input;

    @Override
    public Integer call() throws Exception {
        ElfImage elf = ElfImage.read(program);
        MachineConfig cfg = engine.apply(machine.config());
        try (GuestConsole console = new GuestConsole(System.out);
             HostInput in = HostInput.open(input)) {
            Machine m = new Machine(cfg, in.source(), console);
            m.load(elf);
            long limit = maxInstructions == null ? Long.MAX_VALUE : maxInstructions;
            RunOutcome outcome = RunOutcome.runToEnd(m, limit, console);
            console.flush();
            return outcome.report(System.err, elf);
        }
    }
}
