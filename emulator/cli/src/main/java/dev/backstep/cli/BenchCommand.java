package dev.backstep.cli;

import dev.backstep.machine.ElfImage;
import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.Machine;
import dev.backstep.machine.MachineConfig;
import dev.backstep.machine.StopReason;
import dev.backstep.machine.TranslationStats;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code backstep bench}: machine speed on a program, interpreter and translator, each as the median of several runs
 * after warm-up runs that let the JIT compile the hot loops. Every run is a new machine, so the translator's figure
 * includes translating the program's hot code again. Guest output is counted, not printed.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure machine speed (MIPS) on a program, interpreter and translator: median of --runs runs",
                "after --warmup runs. The last line, MIPS: N, is the translator's (the interpreter's with",
                "--no-translate)."})
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

    @Mixin
    TranslateOption engine;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || warmup < 0) {
            throw new CliErrors.UserError("--runs must be >= 1 and --warmup >= 0");
        }
        ElfImage elf = ElfImage.read(program);
        System.out.printf("program:      %s%n", program);
        double interpreter = measure(elf, false);
        if (!engine.translate()) {
            System.out.printf("MIPS: %.1f%n", interpreter);
            return 0;
        }
        double translator = measure(elf, true);
        System.out.printf("translator / interpreter: %.2f%n", translator / interpreter);
        System.out.printf("MIPS: %.1f%n", translator);
        return 0;
    }

    /** Runs the program warmup + runs times on new machines; prints and returns the median MIPS. */
    private double measure(ElfImage elf, boolean translate) throws Exception {
        String name = translate ? "translator" : "interpreter";
        long instructions = 0;
        double[] seconds = new double[runs];
        double first = 0;
        TranslationStats stats = null;
        for (int i = 0; i < warmup + runs; i++) {
            Machine m = new Machine(MachineConfig.defaults().withTranslate(translate), ExternalInput.none(),
                    (b, ic) -> { });
            m.load(elf);
            long t0 = System.nanoTime();
            StopReason r = m.run(maxInstructions);
            long t1 = System.nanoTime();
            if (r != StopReason.EXIT && r != StopReason.LIMIT) {
                throw new CliErrors.UserError("benchmark run stopped early: " + m.lastStop());
            }
            instructions = m.icount();
            stats = m.translationStats();
            if (i == 0) {
                first = (t1 - t0) / 1e9;
            }
            if (i >= warmup) {
                seconds[i - warmup] = (t1 - t0) / 1e9;
            }
        }
        Arrays.sort(seconds);
        double median = runs % 2 == 1 ? seconds[runs / 2] : (seconds[runs / 2 - 1] + seconds[runs / 2]) / 2;
        double mips = instructions / median / 1e6;
        if (!translate) {
            System.out.printf("instructions: %d%n", instructions);
        }
        System.out.printf("%-12s  first run %.3f s; %d runs after %d warm-up: min %.3f s, max %.3f s, median %.3f s"
                + " = %.1f MIPS%n", name + ":", first, runs, warmup, seconds[0], seconds[runs - 1], median, mips);
        if (translate) {
            System.out.printf("%-12s  %d regions, %d KiB of classes, %d entries into translated code per run%n", "",
                    stats.regions(), stats.bytes() >> 10, stats.entered());
        }
        return mips;
    }
}
