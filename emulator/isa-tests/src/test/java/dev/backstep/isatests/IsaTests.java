package dev.backstep.isatests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The self-checking ISA programs (emulator/isa-tests/elf): each must pass on Backstep (exit code =
 * number of failed cases = 0, output equal to the committed QEMU output) and, when QEMU is
 * installed, produce exactly QEMU's output and exit status.
 */
class IsaTests {
    static Stream<GuestProgram> programs() {
        return Stream.of("alu", "branch", "loadstore", "misaligned", "mul", "atomic", "compressed",
                "csr", "trap", "interrupt", "fencei", "minstret", "bitmanip", "float", "rv32e", "privcount",
                "privcount_fp", "trigger", "warl").map(GuestProgram::isaTest);
    }

    @ParameterizedTest(name = "{0} passes on Backstep")
    @MethodSource("programs")
    void passesOnBackstep(GuestProgram prog) {
        assertTrue(Files.isRegularFile(prog.elf()), "missing " + prog.elf() + " (run make in emulator/isa-tests)");
        RunResult r = BackstepRunner.run(prog);
        OutputDiff.assertSameOutput(prog.expectedOutput(), r.output(), prog.name() + " on Backstep vs committed "
                + prog.expected().getFileName());
        assertEquals(0, r.exitStatus(), prog.name() + ": failed cases on Backstep\n" + r.output());
    }

    /** rv32e's checks of x16..x31 are Backstep's own: QEMU 7.2 runs those instructions as RV32I does. */
    static Stream<GuestProgram> qemuComparablePrograms() {
        return programs().filter(p -> !p.name().equals("rv32e"));
    }

    @ParameterizedTest(name = "{0} matches QEMU")
    @MethodSource("qemuComparablePrograms")
    void matchesQemu(GuestProgram prog) throws Exception {
        assumeTrue(QemuRunner.available(), QemuRunner.QEMU + " is not installed: differential run skipped");
        RunResult qemu = QemuRunner.run(prog);
        assertEquals(0, qemu.exitStatus(), prog.name() + " fails on QEMU itself:\n" + qemu.output());
        OutputDiff.assertSameRun(qemu, BackstepRunner.run(prog));
    }

    /**
     * RV32E on QEMU 7.2 ({@code -cpu rv32,e=true,i=false,h=false}): misa and the instructions on x0..x15 give the same
     * results up to the first instruction naming x16..x31, which QEMU 7.2 does not reject.
     */
    @Test
    void rv32eMatchesQemuUpToTheUpperRegisters() throws Exception {
        assumeTrue(QemuRunner.available(), QemuRunner.QEMU + " is not installed: differential run skipped");
        GuestProgram prog = GuestProgram.isaTest("rv32e");
        RunResult qemu = QemuRunner.run(prog);
        RunResult ours = BackstepRunner.run(prog);
        String marker = "ok rd_x16_illegal";
        int cut = ours.output().indexOf(marker);
        assertTrue(cut > 0, "Backstep output lacks " + marker + ":\n" + ours.output());
        assertEquals(ours.output().substring(0, cut), qemu.output().substring(0, Math.min(cut, qemu.output().length())));
    }
}
