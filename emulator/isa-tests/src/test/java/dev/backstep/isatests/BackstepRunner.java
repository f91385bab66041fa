package dev.backstep.isatests;

import dev.backstep.machine.ElfImage;
import dev.backstep.machine.ExitKind;
import dev.backstep.machine.Machine;
import dev.backstep.machine.MachineConfig;
import dev.backstep.machine.MachineStop;
import dev.backstep.machine.MachineStopReason;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a guest ELF on the Backstep machine until the test finisher stops it. Runs in slices so that
 * a guest that never exits fails the test after a wall-clock limit instead of hanging the build.
 * Results (and failures) are cached per program: the big bench ELF runs once per test JVM.
 */
final class BackstepRunner {
    private static final long SLICE = 20_000_000L;
    private static final long MAX_INSTRUCTIONS = 1_500_000_000L;
    private static final long TIMEOUT_NANOS = 60_000_000_000L;
    /** A RunResult, or the AssertionError of a failed run (so a hanging guest is not run twice). */
    private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();

    private BackstepRunner() {
    }

    static RunResult run(GuestProgram prog) {
        Object r = CACHE.computeIfAbsent(prog.elf().toString(), k -> {
            try {
                return runUncached(prog);
            } catch (AssertionError e) {
                return e;
            }
        });
        if (r instanceof AssertionError e) {
            throw new AssertionError(e.getMessage(), e);
        }
        return (RunResult) r;
    }

    private static RunResult runUncached(GuestProgram prog) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Machine m = new Machine(MachineConfig.defaults(), new ScriptedInput(prog.inputBytes()),
                (b, icount) -> out.write(b));
        try {
            m.load(ElfImage.read(prog.elf()));
        } catch (Exception e) {
            throw new AssertionError("Backstep cannot load " + prog.elf() + ": " + e, e);
        }
        long start = System.nanoTime();
        while (true) {
            MachineStopReason r = m.run(m.icount() + SLICE);
            if (r == MachineStopReason.EXIT) {
                MachineStop s = m.lastStop();
                int status = s.exit().kind() == ExitKind.PASS ? 0 : s.exit().code();
                if (s.exit().kind() == ExitKind.RESET) {
                    throw failure(prog, out, "the guest asked for a reset at icount " + m.icount());
                }
                return new RunResult(text(out), status, "Backstep, " + m.icount() + " instructions");
            }
            if (r != MachineStopReason.LIMIT) {
                throw failure(prog, out, "unexpected stop " + m.lastStop());
            }
            if (m.icount() >= MAX_INSTRUCTIONS) {
                throw failure(prog, out, "still running after " + m.icount() + " instructions (pc 0x"
                        + Integer.toHexString(m.hart().pc()) + ")");
            }
            if (System.nanoTime() - start > TIMEOUT_NANOS) {
                throw failure(prog, out, "still running after " + TIMEOUT_NANOS / 1_000_000_000L
                        + " s (icount " + m.icount() + ", pc 0x" + Integer.toHexString(m.hart().pc()) + ")");
            }
        }
    }

    private static AssertionError failure(GuestProgram prog, ByteArrayOutputStream out, String what) {
        return new AssertionError("Backstep on " + prog.name() + ": " + what + "; UART output so far:\n" + text(out));
    }

    private static String text(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
