package dev.backstep.isatests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.backstep.machine.fpu.FpFlags;
import dev.backstep.machine.fpu.RoundingMode;

/**
 * Differential test of the F/D arithmetic library (dev.backstep.machine.fpu) against QEMU: the
 * FPU oracle (elf/fpu_oracle.elf) runs every case of {@link FpuCases} on qemu-system-riscv32 with
 * the case table loaded into RAM, and every result and fflags value must equal the library's.
 *
 * <p>The default run (a few hundred thousand cases) fits CI; {@code -Dfpu.random=N} sets the random
 * operands per instruction and rounding mode (default 600) and {@code -Dfpu.seed=S} the seed, for
 * larger runs (see README.md).
 */
class FpuDifferentialTest {
    private static final long SEED = Long.getLong("fpu.seed", 0x0F0E_5EEDL);
    private static final int RANDOM_PER_MODE = Integer.getInteger("fpu.random", 600);
    /** Cases per QEMU run: the table must fit between 0x81000000 and QEMU's device tree near the top of RAM. */
    private static final int CHUNK = 1_000_000;
    private static final int SHOWN_MISMATCHES = 30;

    @Test
    void qemuComputesWhatTheLibraryComputes() throws Exception {
        assumeTrue(QemuRunner.available(), QemuRunner.QEMU + " is not installed: FPU differential run skipped");
        Path elf = RepoRoot.resolve("emulator/isa-tests/elf/fpu_oracle.elf");
        assertTrue(Files.isRegularFile(elf), "missing " + elf + " (run make in emulator/isa-tests)");

        List<FpuCase> cases = FpuCases.generate(SEED, RANDOM_PER_MODE);
        List<String> mismatches = new ArrayList<>();
        int mismatchCount = 0;
        for (int from = 0; from < cases.size(); from += CHUNK) {
            List<FpuCase> chunk = cases.subList(from, Math.min(cases.size(), from + CHUNK));
            List<String> lines = runOnQemu(elf, chunk);
            for (int i = 0; i < chunk.size(); i++) {
                FpuCase c = chunk.get(i);
                String expected = c.expectedLine();
                if (!expected.equals(lines.get(i))) {
                    mismatchCount++;
                    if (mismatches.size() < SHOWN_MISMATCHES) {
                        mismatches.add(c + "\n    QEMU: " + describe(lines.get(i))
                                + "\n    Java: " + describe(expected));
                    }
                }
            }
        }
        System.out.println(summary(cases, SEED));
        if (mismatchCount > 0) {
            fail(mismatchCount + " of " + cases.size() + " cases differ from QEMU (seed " + SEED + "); first ones:\n"
                    + String.join("\n", mismatches));
        }
    }

    private static List<String> runOnQemu(Path elf, List<FpuCase> chunk) throws IOException, InterruptedException {
        Path table = Files.createTempFile("fpu-cases", ".bin");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(table), 1 << 16)) {
                FpuCases.writeTable(chunk, out);
            }
            String loader = "loader,file=" + table + ",addr=0x" + Long.toHexString(FpuCases.TABLE_ADDRESS)
                    + ",force-raw=on";
            RunResult r = QemuRunner.run("fpu_oracle", List.of("-device", loader), elf, null, 60 + chunk.size() / 1000);
            String[] lines = r.output().split("\n");
            assertTrue(lines.length >= chunk.size() + 2 && lines[0].equals("fpu-oracle " + chunk.size() + " cases"),
                    "unexpected oracle output (" + r.how() + "):\n" + head(r.output()));
            assertEquals("done " + chunk.size(), lines[chunk.size() + 1], "oracle did not finish");
            assertEquals(0, r.exitStatus(), "oracle exit status");
            return List.of(lines).subList(1, chunk.size() + 1);
        } finally {
            Files.deleteIfExists(table);
        }
    }

    /** "result flags" with the flags spelled out. */
    private static String describe(String line) {
        String[] f = line.split(" ");
        if (f.length != 2) {
            return line;
        }
        try {
            return f[0] + " " + FpFlags.describe(Integer.parseInt(f[1], 16));
        } catch (NumberFormatException e) {
            return line;
        }
    }

    /** How many cases each instruction got, per rounding mode. */
    static String summary(List<FpuCase> cases, long seed) {
        Map<FpuOp, int[]> perMode = new EnumMap<>(FpuOp.class);
        for (FpuCase c : cases) {
            perMode.computeIfAbsent(c.op(), k -> new int[5])[c.rm()]++;
        }
        StringBuilder sb = new StringBuilder("FPU differential run: " + cases.size() + " cases, seed " + seed
                + ", random per mode " + RANDOM_PER_MODE + "\n");
        for (Map.Entry<FpuOp, int[]> e : perMode.entrySet()) {
            int[] n = e.getValue();
            sb.append(String.format("  %-10s", e.getKey().mnemonic()));
            if (e.getKey().rounds) {
                for (int rm = 0; rm < 5; rm++) {
                    sb.append(' ').append(RoundingMode.name(rm)).append('=').append(n[rm]);
                }
            } else {
                sb.append(" (no rounding; frm cycled) ").append(n[0] + n[1] + n[2] + n[3] + n[4]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String head(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "...";
    }
}
