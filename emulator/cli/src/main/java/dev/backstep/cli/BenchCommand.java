package dev.backstep.cli;

import dev.backstep.machine.ElfImage;
import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.Machine;
import dev.backstep.machine.MachineConfig;
import dev.backstep.machine.MachineStopReason;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code backstep bench}: interpreter speed on a program, as the median of several runs after warm-up
 * runs that let the JIT compile the hot loop. Guest output is counted, not printed.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure interpreter speed (MIPS) on a program: median of --runs runs after --warmup runs.")
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PROG.elf")
    Path program;

    @Option(names = "--runs", defaultValue = "5", description = "measured runs (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "2", description = "unmeasured warm-up runs (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--max-instructions", paramLabel = "N", defaultValue = "10000000000",
            description = "instruction limit per run (default: ${DEFAULT-VALUE})")
    long maxInstructions;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || warmup < 0) {
            throw new CliErrors.UserError("--runs must be >= 1 and --warmup >= 0");
        }
        ElfImage elf = ElfImage.read(program);
        long instructions = 0;
        double[] seconds = new double[runs];
        for (int i = 0; i < warmup + runs; i++) {
            Machine m = new Machine(MachineConfig.defaults(), ExternalInput.none(), (b, ic) -> { });
            m.load(elf);
            long t0 = System.nanoTime();
            MachineStopReason r = m.run(maxInstructions);
            long t1 = System.nanoTime();
            if (r != MachineStopReason.EXIT && r != MachineStopReason.LIMIT) {
                throw new CliErrors.UserError("benchmark run stopped early: " + m.lastStop());
            }
            instructions = m.icount();
            if (i >= warmup) {
                seconds[i - warmup] = (t1 - t0) / 1e9;
            }
        }
        Arrays.sort(seconds);
        double median = runs % 2 == 1 ? seconds[runs / 2] : (seconds[runs / 2 - 1] + seconds[runs / 2]) / 2;
        System.out.printf("program:      %s%n", program);
        System.out.printf("instructions: %d%n", instructions);
        System.out.printf("runs:         %d (after %d warm-up), min %.3f s, max %.3f s%n",
                runs, warmup, seconds[0], seconds[runs - 1]);
        System.out.printf("seconds:      %.3f (median)%n", median);
        System.out.printf("MIPS: %.1f%n", instructions / median / 1e6);
        return 0;
    }
}
