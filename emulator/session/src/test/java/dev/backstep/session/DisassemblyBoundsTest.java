package dev.backstep.session;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Disassembly is bounded whatever it is asked: VS Code's Disassembly view, once opened, asks at every stop for 50
 * instructions before the pc; at the first instruction of {@code _start} (0x80000000, the start of RAM) the walk
 * back once started at the absolute symbol {@code STACK_SIZE = 0x10000} and decoded two gigabytes of address space.
 * The deadline is generous: it only turns a hang into a failure.
 */
class DisassemblyBoundsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void fiftyInstructionsBeforeTheStartOfRam() throws Exception {
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("corrupt.elf")).withStopOnEntry(true),
                new Examples.Recorder())) {
            s.start();
            s.setInstructionBreakpoints(List.of(new InstructionBreakpoint(0x8000_0000L, null, null)));
            Stop atStart = s.resume();
            assertEquals(0x8000_0000L, atStart.pc() & 0xffff_ffffL, atStart.description());

            // the exact request VS Code sent: {"memoryReference":"0x80000000","instructionOffset":-50,"instructionCount":100}
            List<Instruction> list = assertTimeoutPreemptively(DEADLINE, () -> s.disassemble(0x8000_0000L, -50, 100));
            assertEquals(100, list.size());
            assertEquals(0x8000_0000L, list.get(50).address(), "the pc is the 51st instruction: " + list.get(50));
            assertTrue(list.get(49).text().contains("no memory"), "below RAM there is nothing: " + list.get(49));
            assertTrue(list.get(50).text().startsWith("auipc"), list.get(50).text());
            assertEquals("_start", list.get(50).symbol());
            for (int i = 1; i < list.size(); i++) {
                assertTrue(list.get(i).address() > list.get(i - 1).address(), "ascending at " + i + ": " + list);
            }
        }
    }

    @Test
    void anyOffsetCountOrAddressAnswersPromptly() throws Exception {
        try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("corrupt.elf")).withStopOnEntry(true),
                new Examples.Recorder())) {
            s.start();
            long[] addresses = {0, 1, 0x1000, 0x8000_0000L, 0x8000_0002L, 0xffff_fffeL, 0xffff_ffffL, 0x1_0000_0000L,
                    Long.MAX_VALUE};
            int[] offsets = {0, -1, 1, -50, 50, -100_000, 100_000, Integer.MIN_VALUE, Integer.MAX_VALUE};
            assertTimeoutPreemptively(DEADLINE, () -> {
                for (long address : addresses) {
                    for (int offset : offsets) {
                        List<Instruction> list = s.disassemble(address, offset, 20);
                        assertTrue(list.size() <= 20, address + "/" + offset);
                        for (Instruction in : list) {
                            assertTrue(in.address() >= 0 && in.address() <= 0xffff_ffffL, address + "/" + offset + ": " + in);
                        }
                    }
                }
                assertTrue(s.disassemble(0x8000_0000L, 0, Integer.MAX_VALUE).size() <= 100_000);
            });
        }
    }
}
