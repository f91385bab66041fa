package dev.backstep.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ELF mutator (issue 18): corrupt.elf truncated at many lengths and with seeded bit flips (more with
 * -Dbackstep.elf.mutations=N). Every outcome is a launch refused with a message naming the attribute, or a session
 * that opens and answers its first queries (stack, scopes, variables, disassembly, sources, an expression) with
 * values or clear errors; never another exception, a hang or a dead process.
 */
class ElfMutationTest {
    private static final int MUTATIONS = Integer.getInteger("backstep.elf.mutations", 120);

    @TempDir
    Path dir;

    /** What one mutated ELF did: refused at launch, or opened. */
    private enum Outcome { REFUSED, OPENED }

    private Outcome probe(byte[] elf, String what) throws Exception {
        Path p = Files.write(dir.resolve("m.elf"), elf);
        DebugSession s;
        try {
            s = DebugSession.open(LaunchSpec.record(p).withStopOnEntry(true), new Examples.Recorder());
        } catch (LaunchException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank() && e.attribute() != null, what + ": " + e);
            return Outcome.REFUSED;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new AssertionError(what + ": open threw " + e, e);
        }
        try {
            s.start();
            for (StackFrame f : s.stackTrace(0, 0)) {
                for (ScopeInfo scope : s.scopes(f.id())) {
                    s.variables(scope.variablesReference(), false);
                }
                s.disassemble(f.pc(), -4, 16);
            }
            s.loadedSources();
            quietly(() -> s.evaluate("config.alarm_limit + 1", 0, false));
            quietly(() -> s.evaluate("$pc", 0, true));
        } catch (SessionException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), what + ": " + e);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new AssertionError(what + ": a query threw " + e, e);
        } finally {
            s.close();
        }
        return Outcome.OPENED;
    }

    private interface Query {
        Object run() throws SessionException;
    }

    private static void quietly(Query q) {
        try {
            q.run();
        } catch (SessionException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        }
    }

    @Test
    void truncatedElfsAreRefusedOrOpenedNeverAnythingElse() throws Exception {
        byte[] elf = Files.readAllBytes(Examples.example("corrupt.elf"));
        int refused = 0;
        int n = Math.max(8, MUTATIONS / 3);
        for (int i = 0; i <= n; i++) {
            int length = (int) ((long) elf.length * i / n);
            if (probe(java.util.Arrays.copyOf(elf, length), "truncated to " + length) == Outcome.REFUSED) {
                refused++;
            }
        }
        System.out.printf("ELF truncations: %d, refused at launch with a message %d, opened and answered %d%n", n + 1,
                refused, n + 1 - refused);
        assertTrue(refused > 0, "the short ones are refused");
    }

    @Test
    void bitFlipsAreRefusedOrOpenedNeverAnythingElse() throws Exception {
        byte[] elf = Files.readAllBytes(Examples.example("corrupt.elf"));
        SplittableRandom r = new SplittableRandom(0xE1F18L);
        int refused = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] m = elf.clone();
            int flips = 1 + r.nextInt(8);
            StringBuilder what = new StringBuilder("flipped");
            for (int k = 0; k < flips; k++) {
                // half in the headers (ELF, program and section headers), half anywhere (code, DWARF, symbols)
                int at = r.nextBoolean() ? r.nextInt(Math.min(m.length, 0x200)) : r.nextInt(m.length);
                int bit = r.nextInt(8);
                m[at] ^= (byte) (1 << bit);
                what.append(' ').append(at).append(':').append(bit);
            }
            if (probe(m, what.toString()) == Outcome.REFUSED) {
                refused++;
            }
        }
        System.out.printf("ELF bit flips: %d, refused at launch with a message %d, opened and answered %d%n", MUTATIONS,
                refused, MUTATIONS - refused);
    }
}
