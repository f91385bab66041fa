package dev.backstep.isatests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.stream.Stream;

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
                "csr", "trap", "interrupt", "fencei", "minstret", "privcount", "trigger", "warl").map(GuestProgram::isaTest);
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

    @ParameterizedTest(name = "{0} matches QEMU")
    @MethodSource("programs")
    void matchesQemu(GuestProgram prog) throws Exception {
        assumeTrue(QemuRunner.available(), QemuRunner.QEMU + " is not installed: differential run skipped");
        RunResult qemu = QemuRunner.run(prog);
        assertEquals(0, qemu.exitStatus(), prog.name() + " fails on QEMU itself:\n" + qemu.output());
        OutputDiff.assertSameRun(qemu, BackstepRunner.run(prog));
    }
}
