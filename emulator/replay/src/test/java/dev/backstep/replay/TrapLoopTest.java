package dev.backstep.replay;

import dev.backstep.machine.MachineConfig;
import dev.backstep.machine.Trap;
import dev.backstep.replay.format.RecordingFile;
import dev.backstep.replay.format.RecordingReader;
import dev.backstep.replay.stop.StopSet;
import dev.backstep.replay.stop.TimelineStop;
import dev.backstep.replay.stop.TimelineStopKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * examples/trap-loop.S: mtvec at unmapped memory, then an ecall. The run stops with the fault that loops (instruction
 * access fault at mtvec), the recording ends as a trap loop (not DETACHED), and its replay ends the same way on the
 * same state.
 */
class TrapLoopTest {
    private static final TimelineOptions OPTS = TimelineOptions.defaults();

    @TempDir
    Path dir;

    @Test
    void aTrapLoopIsReportedWithItsFaultRecordedAsSuchAndReplaysTheSame() throws Exception {
        Path rec = dir.resolve("loop.bsr");
        long digest;
        TimelineStop recorded;
        try (Timeline t = Timeline.record(Examples.elf("trap-loop"), rec, null, MachineConfig.defaults(), OPTS)) {
            recorded = t.runForward(StopSet.none(), Long.MAX_VALUE);
            assertEquals(TimelineStopKind.TRAP, recorded.kind(), recorded.describe());
            assertEquals(Trap.INSTRUCTION_ACCESS_FAULT, recorded.trapCause(), recorded.describe());
            assertEquals(0x5000_0000, recorded.trapTval(), recorded.describe());
            assertTrue(recorded.message().contains("trap loop"), recorded.describe());
            // the state on arrival: the ecall's entry is done (pc = mtvec), the looping fault is not
            assertEquals(0x5000_0000, t.machine().hart().pc());
            assertEquals(Trap.ECALL_M, t.machine().hart().csr(0x342));
            digest = t.machine().digest();
            TimelineStop again = t.runForward(StopSet.none(), Long.MAX_VALUE);
            assertEquals(TimelineStopKind.TRAP, again.kind(), "the end of history is the trap loop");
            assertEquals(recorded.icount(), again.icount());
        }
        RecordingFile f = RecordingReader.read(rec);
        assertEquals("TRAP LOOP mcause=0x00000001 mtval=0x50000000", f.end().stopReason());
        assertEquals(recorded.icount(), f.end().finalIcount());
        try (Timeline t = Timeline.replay(rec, null, OPTS)) {
            TimelineStop replayed = t.runForward(StopSet.none(), Long.MAX_VALUE);
            assertEquals(TimelineStopKind.TRAP, replayed.kind(), replayed.describe());
            assertEquals(recorded.icount(), replayed.icount());
            assertEquals(Trap.INSTRUCTION_ACCESS_FAULT, replayed.trapCause());
            assertEquals(0x5000_0000, replayed.trapTval());
            assertEquals(digest, t.machine().digest(), "the replay ends on the state the record session showed");
        }
        RunSummary s = new Replayer().replay(rec, null, OPTS, null);
        assertTrue(s.ok(), s.describe());
    }
}
