package dev.backstep.session;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * examples/trap-loop.S (mtvec at unmapped memory): the stop and exceptionInfo name the fault that loops, an instruction
 * access fault with mtval = mtvec, and say it is a trap loop, recording and replaying alike.
 */
class TrapLoopReportTest {

    @Test
    void theStopAndExceptionInfoNameTheFetchFaultThatLoops() throws Exception {
        java.nio.file.Path rec = java.nio.file.Files.createTempFile("trap-loop", ".bsr");
        try {
            java.nio.file.Files.delete(rec);
            try (DebugSession s = DebugSession.open(LaunchSpec.record(Examples.example("trap-loop.elf"))
                    .withStopOnEntry(true).withRecording(rec), new Examples.Recorder())) {
                s.start();
                check(s.resume(), s);
            }
            try (DebugSession s = DebugSession.open(LaunchSpec.replay(rec, Examples.example("trap-loop.elf")).withStopOnEntry(true),
                    new Examples.Recorder())) {
                s.start();
                check(s.resume(), s);
            }
        } finally {
            java.nio.file.Files.deleteIfExists(rec);
        }
    }

    private static void check(Stop stop, DebugSession s) throws SessionException {
        assertEquals(StopReason.EXCEPTION, stop.reason(), stop.description());
        assertTrue(stop.description().startsWith("Trap loop: instruction access fault (mcause 0x00000001, mtval "
                + "0x50000000)"), stop.description());
        ExceptionDetails x = s.exceptionInfo();
        assertEquals(1, x.mcause(), x.toString());
        assertEquals(0x5000_0000, x.mtval(), x.toString());
        assertTrue(x.description().startsWith("trap loop: instruction access fault"), x.description());
    }
}
