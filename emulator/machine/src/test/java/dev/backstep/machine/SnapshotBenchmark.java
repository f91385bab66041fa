package dev.backstep.machine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Prints the cost of snapshot() and restore() while a program runs (a program, not a test).
 * <pre>java -cp emulator/machine/target/classes:emulator/machine/target/test-classes \
 *     dev.backstep.machine.SnapshotBenchmark emulator/examples/bench.elf [interval] [rounds]</pre>
 * Takes a snapshot every {@code interval} instructions to the end, then restores random ones.
 */
public final class SnapshotBenchmark {
    private SnapshotBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ElfImage elf = ElfImage.read(Path.of(args[0]));
        long interval = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        for (int round = 0; round < rounds; round++) {
            Machine m = new Machine(MachineConfig.defaults(), ExternalInput.none(), UartOutput.discard());
            m.load(elf);
            List<MachineSnapshot> snaps = new ArrayList<>();
            long snapNs = 0;
            long own = 0;
            long tableBytes = 0;
            java.util.Set<PageChunk> chunks = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            MachineStopReason r;
            do {
                r = m.run(m.icount() + interval);
                long t0 = System.nanoTime();
                MachineSnapshot s = m.snapshot();
                snapNs += System.nanoTime() - t0;
                own += s.ownBytes();
                tableBytes += s.fixedBytes();
                s.forEachChunk(c -> chunks.add(c));
                snaps.add(s);
            } while (r == MachineStopReason.LIMIT);
            Random rnd = new Random(1);
            int restores = 2000;
            long restNs = 0;
            long nearNs = 0;
            for (int k = 0; k < restores; k++) {
                MachineSnapshot s = snaps.get(rnd.nextInt(snaps.size()));
                long t0 = System.nanoTime();
                m.restore(s);
                restNs += System.nanoTime() - t0;
                // a reverse step: back to the snapshot after running a little
                m.run(m.icount() + 1000);
                t0 = System.nanoTime();
                m.restore(s);
                nearNs += System.nanoTime() - t0;
            }
            for (PageChunk c : chunks) {
                tableBytes += c.tableBytes();
            }
            System.out.printf("round %d: %d snapshots, snapshot %.1f us avg (own %.1f KiB avg), "
                    + "restore random %.1f us avg, restore after 1000 instructions %.1f us avg, "
                    + "page tables + state %.1f KiB per snapshot (distinct chunks counted once)%n", round + 1,
                    snaps.size(), snapNs / 1e3 / snaps.size(), own / 1024.0 / snaps.size(), restNs / 1e3 / restores,
                    nearNs / 1e3 / restores, tableBytes / 1024.0 / snaps.size());
        }
    }
}
