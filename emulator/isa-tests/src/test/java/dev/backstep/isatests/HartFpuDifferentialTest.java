package dev.backstep.isatests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.backstep.machine.ElfImage;
import dev.backstep.machine.ExitKind;
import dev.backstep.machine.Isa;
import dev.backstep.machine.Machine;
import dev.backstep.machine.MachineConfig;
import dev.backstep.machine.MachineStopReason;

/**
 * The hart's F and D instructions against QEMU on the same program and operands: the FPU oracle
 * (elf/fpu_oracle.elf, built for rv32imafdc) runs a table of {@link FpuCases} (every F/D instruction under every
 * rounding mode set through {@code frm}, with zeros, subnormals, infinities, quiet and signaling NaNs, badly boxed
 * singles, conversion limits, hard rounding cases and random operands) on Backstep's hart and on
 * {@code qemu-system-riscv32 -cpu rv32,f=true,d=true -icount shift=0,sleep=off}. The whole output must be equal:
 * each result with its fflags, then minstret, mstatus.FS/SD and fcsr at the end.
 *
 * <p>{@link FpuDifferentialTest} holds the arithmetic library to QEMU on many more cases; this one holds the hart
 * (decoding, NaN-boxing in registers, dynamic rounding, flags accrual, FS, instruction counts) to it.
 * {@code -Dfpu.hart.random=N} sets the random operands per instruction and mode (default 40).
 */
class HartFpuDifferentialTest {
    private static final long SEED = Long.getLong("fpu.seed", 0x0F0E_5EEDL);
    private static final int RANDOM_PER_MODE = Integer.getInteger("fpu.hart.random", 40);
    static final String QEMU_CPU = "rv32,f=true,d=true";

    @Test
    void hartComputesWhatQemuComputes() throws Exception {
        assumeTrue(QemuRunner.available(), QemuRunner.QEMU + " is not installed: hart FPU differential run skipped");
        Path elf = RepoRoot.resolve("emulator/isa-tests/elf/fpu_oracle.elf");
        List<FpuCase> cases = FpuCases.generate(SEED, RANDOM_PER_MODE);
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        FpuCases.writeTable(cases, table);

        String ours = runOnBackstep(elf, table.toByteArray());
        Path file = Files.createTempFile("fpu-hart-cases", ".bin");
        RunResult qemu;
        try {
            Files.write(file, table.toByteArray());
            String loader = "loader,file=" + file + ",addr=0x" + Long.toHexString(FpuCases.TABLE_ADDRESS) + ",force-raw=on";
            qemu = QemuRunner.run("fpu_oracle_hart", List.of("-cpu", QEMU_CPU, "-icount", "shift=0,sleep=off",
                    "-device", loader), elf, null, 120 + cases.size() / 1000);
        } finally {
            Files.deleteIfExists(file);
        }
        assertEquals(0, qemu.exitStatus(), "oracle on QEMU: " + qemu.how());
        String[] q = qemu.output().split("\n");
        String[] b = ours.split("\n");
        assertTrue(q.length == cases.size() + 3 && q[cases.size() + 2].startsWith("minstret "),
                "unexpected oracle output on QEMU");
        int shown = 0;
        StringBuilder diffs = new StringBuilder();
        int count = 0;
        for (int i = 0; i < Math.max(q.length, b.length); i++) {
            String qi = i < q.length ? q[i] : "<none>";
            String bi = i < b.length ? b[i] : "<none>";
            if (!qi.equals(bi)) {
                count++;
                if (shown++ < 20) {
                    String what = i >= 1 && i <= cases.size() ? cases.get(i - 1).toString() : "line " + (i + 1);
                    diffs.append(what).append("\n    QEMU:     ").append(qi).append("\n    Backstep: ").append(bi)
                            .append('\n');
                }
            }
        }
        System.out.println("hart FPU differential run: " + cases.size() + " cases, QEMU -cpu " + QEMU_CPU + "; "
                + q[q.length - 1]);
        if (count > 0) {
            fail(count + " lines differ between the hart and QEMU (seed " + SEED + "):\n" + diffs);
        }
    }

    private static String runOnBackstep(Path elfPath, byte[] table) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Machine m = new Machine(MachineConfig.defaults(), new ScriptedInput(new byte[0]), (by, icount) -> out.write(by));
        ElfImage elf = ElfImage.read(elfPath);
        m.load(elf);
        assertEquals(Isa.parse("rv32imafdc"), m.isa(), "the ISA comes from the ELF's arch attribute");
        m.memory().writeBytes((int) FpuCases.TABLE_ADDRESS, table);
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (true) {
            MachineStopReason r = m.run(m.icount() + 50_000_000L);
            if (r == MachineStopReason.EXIT) {
                assertEquals(ExitKind.PASS, m.lastStop().exit().kind(), "oracle exit on Backstep:\n" + tail(out));
                return out.toString(StandardCharsets.ISO_8859_1);
            }
            if (r != MachineStopReason.LIMIT || System.nanoTime() > deadline) {
                throw new AssertionError("oracle on Backstep stopped with " + m.lastStop() + ":\n" + tail(out));
            }
        }
    }

    private static String tail(ByteArrayOutputStream out) throws IOException {
        String s = out.toString(StandardCharsets.ISO_8859_1);
        return s.length() < 2000 ? s : s.substring(s.length() - 2000);
    }
}
