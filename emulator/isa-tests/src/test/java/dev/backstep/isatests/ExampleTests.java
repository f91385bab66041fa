package dev.backstep.isatests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The example programs (emulator/examples): on Backstep each prints its committed expected output
 * and exits with its committed status; with QEMU installed, Backstep and QEMU agree on the same
 * ELF and input. bench runs once on each (the Backstep run is shared between the two tests).
 */
class ExampleTests {
    static Stream<GuestProgram> programs() {
        return Stream.of("hello", "timer", "echo", "corrupt", "bench", "mix", "rtos-short", "rtos-wfi", "hardfloat")
                .map(GuestProgram::example);
    }

    @ParameterizedTest(name = "{0} prints its expected output on Backstep")
    @MethodSource("programs")
    void matchesExpectedOnBackstep(GuestProgram prog) {
        RunResult r = BackstepRunner.run(prog);
        OutputDiff.assertSameOutput(prog.expectedOutput(), r.output(), prog.name() + " on Backstep vs committed "
                + prog.expected().getFileName());
        assertEquals(prog.expectedStatus(), r.exitStatus(), prog.name() + " exit status on Backstep");
    }

    @ParameterizedTest(name = "{0} matches QEMU")
    @MethodSource("programs")
    void matchesQemu(GuestProgram prog) throws Exception {
        assumeTrue(QemuRunner.available(), QemuRunner.QEMU + " is not installed: differential run skipped");
        OutputDiff.assertSameRun(QemuRunner.run(prog), BackstepRunner.run(prog));
    }
}
