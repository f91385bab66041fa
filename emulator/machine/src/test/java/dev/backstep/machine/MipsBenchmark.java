package dev.backstep.machine;

import java.nio.file.Path;

/**
 * Prints interpreter speed on an ELF (a program, not a test: the machine is shared and noisy).
 * <pre>java -cp emulator/machine/target/classes:emulator/machine/target/test-classes \
 *     dev.backstep.machine.MipsBenchmark emulator/examples/bench.elf [runs]</pre>
 * Also times snapshot, restore and digest at the end of the run.
 */
public final class MipsBenchmark {
    private MipsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: MipsBenchmark <elf> [runs]");
            System.exit(2);
        }
        ElfImage elf = ElfImage.read(Path.of(args[0]));
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        java.lang.management.ThreadMXBean cpuClock = java.lang.management.ManagementFactory.getThreadMXBean();
        double best = 0;
        double bestCpu = 0;
        Machine m = null;
        for (int i = 0; i < runs; i++) {
            m = new Machine(MachineConfig.defaults(), ExternalInput.none(), UartOutput.discard());
            m.load(elf);
            long c0 = cpuClock.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            m.run(Long.MAX_VALUE);
            double secs = (System.nanoTime() - t0) / 1e9;
            // CPU time of this thread: on a shared machine, the time it was not descheduled
            double cpuSecs = (cpuClock.getCurrentThreadCpuTime() - c0) / 1e9;
            double mips = m.icount() / secs / 1e6;
            double cpuMips = m.icount() / cpuSecs / 1e6;
            best = Math.max(best, mips);
            bestCpu = Math.max(bestCpu, cpuMips);
            System.out.printf("run %d: %d instructions in %.3f s = %.1f MIPS, %.1f per CPU second (%s)%n", i + 1,
                    m.icount(), secs, mips, cpuMips, m.lastStop().reason());
        }
        System.out.printf("best: %.1f MIPS (wall clock), %.1f MIPS per CPU second%n", best, bestCpu);
        long t0 = System.nanoTime();
        MachineSnapshot s = m.snapshot();
        long t1 = System.nanoTime();
        long d = m.digest();
        long t2 = System.nanoTime();
        m.restore(s);
        long t3 = System.nanoTime();
        m.digest();
        long t4 = System.nanoTime();
        System.out.printf("snapshot %.1f us (own %d KiB), digest %.2f ms (cached %.2f ms), restore %.1f us, digest=%016x%n",
                (t1 - t0) / 1e3, s.ownBytes() >> 10, (t2 - t1) / 1e6, (t4 - t3) / 1e6, (t3 - t2) / 1e3, d);
    }
}
