package dev.backstep.replay.index;

import dev.backstep.machine.Activity;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which run entries of a granule reach a pc, from the instruction bytes (as gcc lays out functions and loops). */
class GranuleFlowTest {
    private static final int G = 0x8000_0040;

    /** Code of one granule, by halfword offset; the rest unknown. */
    private static final class Code implements GranuleFlow.Code {
        final Map<Integer, Integer> halves = new HashMap<>();
        int at;

        Code c(int half) {
            halves.put(G + at, half);
            at += 2;
            return this;
        }

        Code w(int word) {
            halves.put(G + at, word & 0xFFFF);
            halves.put(G + at + 2, word >>> 16);
            at += 4;
            return this;
        }

        @Override
        public int halfword(int address) {
            return halves.getOrDefault(address, -1);
        }
    }

    private static final int C_ADDI = 0x0485;      // c.addi s1,1
    private static final int C_RET = 0x8082;       // c.jr ra
    private static final int ADDI = 0x00150513;    // addi a0,a0,1

    @Test
    void aFunctionAfterOneThatReturnsIsReachedOnlyFromItsOwnEntries() {
        // f: addi; ret | g: addi; addi
        Code code = new Code().w(ADDI).c(C_RET).w(ADDI).w(ADDI);
        int g = G + 6;
        int mask = GranuleFlow.entriesReaching(g, code);
        assertEquals(1 << 3, mask, "only a run entered at g reaches g");
        int second = GranuleFlow.entriesReaching(g + 4, code);
        assertEquals(1 << 3 | 1 << 5, second & (1 << 3 | 1 << 5));
        assertEquals(0, second & 0b111, "not from f (offsets inside instructions never are entries)");
        assertEquals(1 | 1 << 2, GranuleFlow.entriesReaching(G + 4, code) & (1 | 1 << 2),
                "the ret: from f's entry or itself");
    }

    @Test
    void aLoopEnteredAtItsConditionReachesItsBody() {
        // j cond (out of the granule: ends) | body: addi | cond: bne s1,s2,body | after: addi
        int body = G + 4;
        int cond = G + 8;
        int bne = 0xfe000ee3 | (18 << 20) | (9 << 15) | (1 << 12);   // bne s1,s2,-4
        Code code = new Code().w(0x0040006f).w(ADDI).w(bne).w(ADDI);
        // the branch back goes below the run's entry at cond: the machine marks the body as a new entry
        assertEquals(1 << 2, GranuleFlow.entriesReaching(body, code) & ~0b10, "entered at the body");
        assertEquals(1 << 2 | 1 << 4, GranuleFlow.entriesReaching(cond, code) & (1 << 2 | 1 << 4 | 1));
        assertEquals(1 << 2 | 1 << 4 | 1 << 6, GranuleFlow.entriesReaching(G + 12, code) & (1 << 2 | 1 << 4 | 1 << 6 | 1));
        assertEquals(1, GranuleFlow.entriesReaching(G, code));
    }

    @Test
    void aForwardBranchSkipsAJumpAndACallEndsARun() {
        // beqz a0,+6 (over the j) | j far | addi | jal (call) | addi
        int cBeqz = 0xc119;            // c.beqz a0,+6
        int cJ = 0xa001;               // c.j 0 (a jump: ends the run)
        int jal = 0x008000ef;          // jal ra,+8
        Code code = new Code().c(cBeqz).c(cJ).w(ADDI).w(jal).w(ADDI);
        int after = G + 8;
        assertEquals(1, GranuleFlow.entriesReaching(G + 6, code) & 1, "the branch jumps over c.j");
        assertEquals(0, GranuleFlow.entriesReaching(after + 4, code) & 0b111, "a call ends the run: its return "
                + "address is entered anew");
        assertEquals(1 << 6, GranuleFlow.entriesReaching(after + 4, code) & (1 << 6));
    }

    @Test
    void unknownCodeCountsEveryEntryBelow() {
        assertEquals(Activity.entriesUpTo(G + 10), GranuleFlow.entriesReaching(G + 10, a -> -1));
        Code code = new Code().w(ADDI).c(C_RET);
        // the rest of the granule is unknown: a run that gets there may reach anything
        assertEquals(1 << 3, GranuleFlow.entriesReaching(G + 6, code) & ~(1 << 3) | (1 << 3));
        assertEquals(0, GranuleFlow.entriesReaching(G + 6, code) & 0b11);
    }
}
