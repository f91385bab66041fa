package dev.backstep.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SnapshotTest {
    private static final int T0 = 5, T1 = 6, T2 = 7, T3 = 28, T4 = 29, A0 = 10;
    private static final int RAM = MachineConfig.RAM_BASE;

    /** Stores a pseudo-random word at a pseudo-random address in [RAM + 4 KiB, RAM + 516 KiB), forever. */
    private static Asm scatterWriter() {
        Asm a = new Asm().li(T0, RAM + 0x1000).li(T1, 12345).li(T2, 1103515245).li(T4, 0x7FFFC);
        int loop = a.pc();
        a.op(1, 0, T1, T1, T2).addi(T1, T1, 1013); // t1 = t1 * 1103515245 + 1013
        a.word(Asm.i(9, T1, 5, T3, 0x13)); // srli t3, t1, 9
        a.op(0, 7, T3, T3, T4).add(T3, T3, T0); // t3 = (t3 & 0x7fffc) + t0
        a.sw(T1, T3, 0);
        a.jal(0, loop - a.pc());
        return a;
    }

    @Test
    void randomRestoresMatchAStraightRun() {
        Random rnd = new Random(42);
        TreeMap<Long, Long> digests = new TreeMap<>();
        List<Long> points = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            points.add(100L + rnd.nextInt(300_000));
        }
        points.sort(null);
        TestMachines.Run ref = TestMachines.run(scatterWriter());
        for (long p : points) {
            ref.m.run(p);
            digests.put(p, ref.m.digest());
        }

        TestMachines.Run r = TestMachines.run(scatterWriter());
        Map<Long, MachineSnapshot> snaps = new HashMap<>();
        for (long p : points) {
            r.m.run(p);
            snaps.put(p, r.m.snapshot());
        }
        for (int k = 0; k < 300; k++) {
            long from = points.get(rnd.nextInt(points.size()));
            r.m.restore(snaps.get(from));
            assertEquals(from, r.m.icount());
            assertEquals(digests.get(from), r.m.digest(), "after restoring " + from);
            Long to = digests.ceilingKey(from + rnd.nextInt(20_000));
            if (to != null) {
                r.m.run(to);
                assertEquals(digests.get(to), r.m.digest(), "ran from " + from + " to " + to);
                if (rnd.nextInt(4) == 0) {
                    snaps.put(to, r.m.snapshot()); // a fresh snapshot of the same state is as good
                }
            }
        }
    }

    @Test
    void unchangedChunksAreSharedBetweenSnapshots() {
        TestMachines.Run r = TestMachines.run(scatterWriter());
        r.m.memory().write32(RAM + 0xC0000, 7); // a page in another chunk, written once
        r.m.run(1000);
        MachineSnapshot s1 = r.m.snapshot();
        r.m.run(1007);
        MachineSnapshot s2 = r.m.snapshot();
        assertEquals(4096, s2.ownBytes()); // one store (one loop iteration) since s1: one page copied
        Map<Integer, PageChunk> c1 = new HashMap<>();
        s1.forEachChunk(c -> c1.put(c.firstPage(), c));
        List<PageChunk> changed = new ArrayList<>();
        s2.forEachChunk(c -> {
            if (c1.get(c.firstPage()) != c) {
                changed.add(c);
            }
        });
        assertEquals(1, changed.size());
        assertSame(c1.get(0xC0000 / 4096 / PageChunk.SIZE * PageChunk.SIZE),
                chunkAt(s2, 0xC0000 / 4096 / PageChunk.SIZE * PageChunk.SIZE));
        MachineSnapshot s3 = r.m.snapshot();
        assertEquals(0, s3.ownBytes());
        s2.forEachChunk(c -> assertSame(c, chunkAt(s3, c.firstPage())));
    }

    private static PageChunk chunkAt(MachineSnapshot s, int first) {
        PageChunk[] found = new PageChunk[1];
        s.forEachChunk(c -> {
            if (c.firstPage() == first) {
                found[0] = c;
            }
        });
        return found[0];
    }

    @Test
    void forEachPageShowsTheContentsAndSharesUnchangedPages() {
        TestMachines.Run r = TestMachines.run(scatterWriter());
        r.m.run(5000);
        MachineSnapshot s1 = r.m.snapshot();
        IdentityHashMap<byte[], Integer> seen = new IdentityHashMap<>();
        int[] count = {0};
        s1.forEachPage((i, page) -> {
            byte[] live = new byte[4096];
            r.m.memory().readBytes(RAM + i * 4096, live);
            assertArrayEquals(live, page, "page " + i);
            seen.put(page, i);
            count[0]++;
        });
        assertTrue(count[0] > 10, "the writer touched many pages");
        r.m.run(5010);
        MachineSnapshot s2 = r.m.snapshot();
        int[] shared = {0};
        s2.forEachPage((i, page) -> {
            if (seen.containsKey(page)) {
                assertEquals(seen.get(page), i);
                shared[0]++;
            }
        });
        assertTrue(shared[0] >= count[0] - 3, "at most the pages of 3 stores differ");
    }

    @Test
    void decodedCodeSurvivesARestoreWhenTheBytesAreTheSame() {
        TestMachines.Run r = TestMachines.run(scatterWriter());
        r.m.run(2000);
        MachineSnapshot s = r.m.snapshot();
        r.m.run(4000);
        Ram ram = r.m.bus().ram;
        assertTrue((ram.flags[0] & Ram.CODE) != 0);
        r.m.restore(s);
        assertTrue((ram.flags[0] & Ram.CODE) != 0, "the code page was not written: its decoded form stays");
    }

    @Test
    void decodedCodeIsDroppedWhenARestoreBringsOtherBytes() {
        Asm a = new Asm().li(A0, 0);
        int loop = a.pc();
        a.addi(A0, A0, 1).jal(0, loop - a.pc());
        TestMachines.Run r = TestMachines.run(a);
        r.m.run(100);
        MachineSnapshot s = r.m.snapshot();
        int a0 = r.x(A0);
        r.m.memory().write32(loop, Asm.i(2, A0, 0, A0, 0x13)); // addi a0, a0, 2
        r.m.run(200);
        assertEquals(a0 + 100, r.x(A0)); // 50 iterations of +2
        r.m.restore(s);
        r.m.run(200);
        assertEquals(a0 + 50, r.x(A0)); // back to +1: the snapshot's bytes, decoded afresh
        r.m.restore(s);
        assertNotEquals(0, r.m.memory().read32(loop));
        assertEquals(Asm.i(1, A0, 0, A0, 0x13), r.m.memory().read32(loop));
    }

    @Test
    void snapshotOfAnotherRamSizeIsRefused() {
        TestMachines.Run r = TestMachines.run(scatterWriter());
        Machine big = new Machine(MachineConfig.builder().ramSize(2L << 20).build(), ExternalInput.none(),
                UartOutput.discard());
        MachineSnapshot s = big.snapshot();
        assertThrows(IllegalArgumentException.class, () -> r.m.restore(s));
    }

    @Test
    void snapshotsAcrossAResetStillRestore() {
        TestMachines.Run r = TestMachines.run(scatterWriter());
        r.m.run(3000);
        long d = r.m.digest();
        MachineSnapshot s = r.m.snapshot();
        r.m.reset();
        r.m.memory().write32(RAM + 0x2000, 99);
        r.m.restore(s);
        assertEquals(d, r.m.digest());
        r.m.run(3500);
        TestMachines.Run ref = TestMachines.run(scatterWriter());
        ref.m.run(3500);
        assertEquals(ref.m.digest(), r.m.digest());
    }
}
