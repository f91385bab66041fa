package dev.backstep.replay.snapshot;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ThinningPolicyTest {

    /** Each snapshot costs 1 "byte"; the budget is a count. */
    private static SnapshotStore<Long> store(long budget) {
        SnapshotAccounting<Long> acc = new SnapshotAccounting<>() {
            long total;

            public void added(Long s) {
                total++;
            }

            public void released(Long s) {
                total--;
            }

            public long totalBytes() {
                return total;
            }
        };
        return new SnapshotStore<>(acc, new ThinningPolicy(1000), budget, 10_000);
    }

    @Test
    void spacingGrowsWithDistanceAndZeroStays() {
        SnapshotStore<Long> s = store(40);
        long pos = 0;
        for (long i = 0; i <= 10_000_000; i += 10_000) {
            pos = i;
            s.put(i, i, pos);
        }
        assertEquals(40, s.size());
        List<Long> at = s.icounts();
        assertEquals(0L, at.get(0));
        assertEquals(pos, at.get(at.size() - 1));
        // gaps shrink towards the position
        long farGap = at.get(1) - at.get(0);
        long nearGap = at.get(at.size() - 1) - at.get(at.size() - 2);
        assertTrue(farGap > 20 * nearGap, "far gap " + farGap + " near gap " + nearGap);
        for (int i = 2; i < at.size() - 1; i++) {
            long gap = at.get(i) - at.get(i - 1);
            long dist = pos - at.get(i);
            assertTrue(gap <= Math.max(40_000, dist), "gap " + gap + " at distance " + dist);
        }
    }

    @Test
    void denseAroundAPositionInTheMiddle() {
        SnapshotStore<Long> s = store(30);
        for (long i = 0; i <= 1_000_000; i += 1000) {
            s.put(i, i, 500_000);
        }
        List<Long> at = s.icounts();
        assertTrue(at.contains(0L));
        assertTrue(at.contains(500_000L));
        long near = at.stream().filter(x -> Math.abs(x - 500_000) <= 20_000).count();
        long far = at.stream().filter(x -> Math.abs(x - 500_000) > 200_000).count();
        assertTrue(near >= 4, "near " + near + " " + at);
        assertTrue(far <= 12, "far " + far + " " + at);
    }

    @Test
    void neverDropsZeroOrThePosition() {
        ThinningPolicy p = new ThinningPolicy(10);
        assertEquals(-1, p.victim(new long[]{0, 50}, 2, 50));
        assertEquals(1, p.victim(new long[]{0, 40, 50}, 3, 50));
    }
}
