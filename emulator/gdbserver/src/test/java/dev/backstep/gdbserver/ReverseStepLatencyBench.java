package dev.backstep.gdbserver;

import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.MachineConfig;
import dev.backstep.replay.Timeline;
import dev.backstep.replay.TimelineOptions;
import java.nio.file.Path;

/**
 * Benchmark program (not a test): the cost of one {@code bs} as gdb's reverse-next sends them, thousands in a row,
 * each followed by the register read gdb does at every stop. Prints figures; asserts nothing.
 *
 * <p>Run: {@code java -cp <test+main classpath> dev.backstep.gdbserver.ReverseStepLatencyBench [elf] [start] [n]}
 */
public final class ReverseStepLatencyBench {
    private ReverseStepLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        Path elf = Path.of(args.length > 0 ? args[0] : "emulator/examples/bench.elf");
        long start = args.length > 1 ? Long.parseLong(args[1]) : 5_000_000;
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        for (int round = 0; round < 3; round++) {
            timelineOnly(elf, start, n, 0);
            timelineOnly(elf, start, n, GdbSession.STOP_SNAPSHOT_SLACK);
            overRsp(elf, start, n);
        }
    }

    private static void timelineOnly(Path elf, long start, int n, long slack) throws Exception {
        try (Timeline t = Timeline.record(elf, null, ExternalInput.none(), MachineConfig.defaults(),
                TimelineOptions.defaults())) {
            t.seek(start);
            t.setStopSnapshotSlack(slack);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                t.stepBack();
            }
            long ns = System.nanoTime() - t0;
            System.out.printf("timeline.stepBack x %d, stop snapshot slack %5d: %6.1f us each (%d snapshots)%n", n,
                    slack, ns / 1e3 / n, t.snapshotIcounts().size());
        }
    }

    private static void overRsp(Path elf, long start, int n) throws Exception {
        try (ServerHarness h = new ServerHarness(Timeline.record(elf, null, ExternalInput.none(),
                MachineConfig.defaults(), TimelineOptions.defaults()))) {
            h.timeline.seek(start);
            try (RspTestClient c = h.client()) {
                c.noAck();
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    c.request("bs");
                    c.request("g");
                }
                long ns = System.nanoTime() - t0;
                System.out.printf("gdbserver, RSP bs + g x %d:                %6.1f us each%n", n, ns / 1e3 / n);
            }
        }
    }
}
