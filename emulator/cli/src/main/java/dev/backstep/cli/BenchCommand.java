package dev.backstep.cli;

import dev.backstep.machine.ElfImage;
import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.Machine;
import dev.backstep.machine.MachineConfig;
import dev.backstep.machine.MachineStopReason;
import dev.backstep.machine.TranslationStats;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code backstep bench}: machine speed on a program, interpreter and translator, each as the median of several runs
 * after warm-up runs that let the JIT compile the hot loops. Every run is a new machine, so the translator's figure
 * includes translating the program's hot code again. Guest output is counted, not printed. Each run is printed as it
 * finishes, so a long benchmark shows it is alive.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure machine speed (MIPS) on a program, interpreter and translator: median of --runs runs",
                "after --warmup runs. Each run is printed as it finishes. The last line, MIPS: N, is the",
                "translator's (the interpreter's with --no-translate); below --target-mips it is flagged 'MISSED'."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROG.elf")
    Path program;

    @Option(names = "--runs", defaultValue = "5", converter = PositiveCount.class,
            description = "measured runs (default: ${DEFAULT-VALUE})")
    long runs;

    @Option(names = "--warmup", defaultValue = "2", description = "unmeasured warm-up runs (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--max-instructions", paramLabel = "N", defaultValue = "10000000000", converter = PositiveCount.class,
            description = "instruction limit per run (default: ${DEFAULT-VALUE})")
    long maxInstructions;

    @Option(names = "--target-mips", paramLabel = "MIPS", defaultValue = "100",
            description = "the speed the median must reach, else it is flagged (default: ${DEFAULT-VALUE})")
    double targetMips;

    @Mixin
    TranslateOption engine;

    @Override
    public Integer call() throws Exception {
        if (warmup < 0 || runs > 1000 || warmup > 1000) {
            throw new ParameterException(spec.commandLine(),
                    "--runs must be 1..1000 and --warmup 0..1000");
        }
        ElfImage elf = ElfImage.read(UserFiles.requireReadable(program));
        AtomicReference<Machine> running = new AtomicReference<>();
        boolean[] cancelled = {false};
        System.out.printf("program:      %s%n", program);
        double mips;
        try (CtrlC ctrlC = CtrlC.handle(() -> {
            cancelled[0] = true;
            Machine m = running.get();
            if (m != null) {
                m.interrupt();
            }
        })) {
            double interpreter = measure(elf, false, running, cancelled);
            mips = interpreter;
            if (!Double.isNaN(interpreter) && engine.translate()) {
                double translator = measure(elf, true, running, cancelled);
                if (!Double.isNaN(translator)) {
                    System.out.printf("translator / interpreter: %.2f%n", translator / interpreter);
                }
                mips = translator;
            }
        }
        if (cancelled[0] || Double.isNaN(mips)) {
            System.err.println("backstep: benchmark cancelled by the user (Ctrl-C)");
            return ExitStatus.INTERRUPTED;
        }
        System.out.printf("MIPS: %.1f (target %.0f%s)%n", mips, targetMips, mips >= targetMips ? "" : ": MISSED");
        return ExitStatus.OK;
    }

    /**
     * Runs the program warmup + runs times on new machines, printing each run as it finishes; returns the median
     * MIPS, or NaN when cancelled.
     */
    private double measure(ElfImage elf, boolean translate, AtomicReference<Machine> running, boolean[] cancelled)
            throws Exception {
        String name = translate ? "translator" : "interpreter";
        int n = (int) runs;
        long instructions = 0;
        double[] seconds = new double[n];
        double first = 0;
        TranslationStats stats = null;
        for (int i = 0; i < warmup + n; i++) {
            Machine m = new Machine(MachineConfig.defaults().withTranslate(translate), ExternalInput.none(),
                    (b, ic) -> { });
            m.load(elf);
            running.set(m);
            long t0 = System.nanoTime();
            MachineStopReason r = m.run(maxInstructions);
            long t1 = System.nanoTime();
            if (cancelled[0]) {
                return Double.NaN;
            }
            if (r != MachineStopReason.EXIT && r != MachineStopReason.LIMIT) {
                throw new CliErrors.UserError("benchmark run stopped early: " + m.lastStop());
            }
            instructions = m.icount();
            stats = m.translationStats();
            double s = (t1 - t0) / 1e9;
            if (i == 0) {
                first = s;
            }
            boolean warm = i < warmup;
            if (!warm) {
                seconds[i - warmup] = s;
            }
            System.out.printf("%s run %d/%d%s: %.3f s, %.1f MIPS%n", name, i + 1, warmup + n,
                    warm ? " (warm-up)" : "", s, instructions / s / 1e6);
            System.out.flush();
        }
        Arrays.sort(seconds);
        double median = n % 2 == 1 ? seconds[n / 2] : (seconds[n / 2 - 1] + seconds[n / 2]) / 2;
        double mips = instructions / median / 1e6;
        if (!translate) {
            System.out.printf("instructions: %d%n", instructions);
        }
        System.out.printf("%-12s  first run %.3f s; %d runs after %d warm-up: min %.3f s, max %.3f s, median %.3f s"
                + " = %.1f MIPS%n", name + ":", first, n, warmup, seconds[0], seconds[n - 1], median, mips);
        if (translate) {
            System.out.printf("%-12s  %d regions, %d KiB of classes, %d entries into translated code per run%n", "",
                    stats.regions(), stats.bytes() >> 10, stats.entered());
        }
        return mips;
    }
}
