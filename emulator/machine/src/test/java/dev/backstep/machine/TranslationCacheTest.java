package dev.backstep.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What drops translated code (code changes, restores, the size limit) and that dropped classes unload. */
class TranslationCacheTest {

    /** A loop that rewrites an instruction of its own body every iteration, with and without fence.i. */
    private static byte[] selfPatchingLoop(boolean fence) {
        Asm a = new Asm().li(9, 5000).li(10, 0);
        int top = a.pc();
        a.word(30 << 7 | 0x17); // auipc x30, 0
        int at = fence ? 24 : 20;
        a.lw(29, 30, at).word(0x100 << 12 | 28 << 7 | 0x37).add(29, 29, 28).sw(29, 30, at);
        if (fence) {
            a.word(0x0000100F);
        }
        a.addi(10, 10, 1); // patched: its immediate grows by one each time
        a.addi(9, 9, -1).bne(9, 0, top - a.pc());
        a.pass().spin();
        return a.bytes();
    }

    @Test
    void storesIntoTheRunningRegionTakeEffectAtOnce() {
        for (boolean fence : new boolean[] {false, true}) {
            EnginePair p = EnginePair.ofCode("patching loop", selfPatchingLoop(fence));
            assertEquals(MachineStopReason.EXIT, p.runRandomly(new Random(3), 5000, 10_000_000, 10_000));
            // 1 + 2 + ... + 5000 (each addi adds one more than the last), modulo the 12-bit immediate's wrap
            assertEquals(p.interpreter.hart().x(10), p.translator.hart().x(10));
            assertTrue(p.translator.translationStats().dropped() > 10, "the patched region was dropped each time");
        }
    }

    @Test
    void aRestoreThatReplacesCodeDropsItsTranslations() {
        byte[] first = TranslatedStopsTest.loop();
        byte[] second = RandomProgram.generate(77);
        EnginePair p = EnginePair.ofCode("restore", first);
        p.runTo(200_000);
        MachineSnapshot si = p.interpreter.snapshot();
        MachineSnapshot st = p.translator.snapshot();
        long installed = p.translator.translationStats().installed();
        assertTrue(installed > 0);
        for (Machine m : List.of(p.interpreter, p.translator)) {
            m.memory().writeBytes(MachineConfig.RAM_BASE, second);
            m.hart().setPc(MachineConfig.RAM_BASE);
        }
        p.runTo(300_000);
        p.interpreter.restore(si);
        p.translator.restore(st);
        p.runRandomly(new Random(4), 2000, 100_000, 200);
        assertTrue(p.translator.translationStats().dropped() > 0);
    }

    @Test
    void aRestoreThatOnlyChangesDataNextToCodeKeepsItsTranslations() {
        // the loop counts in a word on its own code page
        int var = MachineConfig.RAM_BASE + 0x800;
        Asm a = new Asm().li(5, var);
        int top = a.pc();
        a.lw(6, 5, 0).addi(6, 6, 1).sw(6, 5, 0).addi(7, 7, 3);
        a.jal(0, top - a.pc());
        EnginePair p = EnginePair.ofCode("code and data on one page", a.bytes());
        p.runTo(300_000);
        MachineSnapshot si = p.interpreter.snapshot();
        MachineSnapshot st = p.translator.snapshot();
        p.runTo(600_000);
        TranslationStats before = p.translator.translationStats();
        assertTrue(before.regions() > 0);
        p.interpreter.restore(si);
        p.translator.restore(st);
        assertEquals(before.dropped(), p.translator.translationStats().dropped(), "the loop's code did not change");
        p.runRandomly(new Random(5), 5000, 900_000, 300);
        assertEquals(before.dropped(), p.translator.translationStats().dropped(), "nothing dropped since");
    }

    @Test
    void theCacheStaysWithinItsLimit() {
        long limit = 24 << 10;
        for (int seed = 40; seed < 50; seed++) {
            byte[] image = RandomProgram.generate(seed);
            EnginePair p = new EnginePair("seed " + seed,
                    MachineConfig.builder().ramSize(1L << 20).translationCacheBytes(limit).build(), m -> {
                        m.reset();
                        m.memory().writeBytes(MachineConfig.RAM_BASE, image);
                    });
            Random rnd = new Random(seed);
            while (p.interpreter.icount() < 200_000) {
                MachineStopReason r = p.runTo(p.interpreter.icount() + 1 + rnd.nextInt(3000));
                assertTrue(p.translator.translationStats().bytes() <= limit, "cache within its limit");
                if (r == MachineStopReason.EXIT) {
                    break;
                }
            }
        }
    }

    @Test
    void droppedRegionsUnload() throws InterruptedException {
        Machine m = new Machine(MachineConfig.builder().ramSize(1L << 20).translationThreshold(16).build(),
                ExternalInput.none(), UartOutput.discard());
        m.reset();
        m.memory().writeBytes(MachineConfig.RAM_BASE, TranslatedStopsTest.loop());
        m.run(300_000);
        List<WeakReference<Class<?>>> classes = new ArrayList<>();
        for (Region r : m.translator().cache().regions()) {
            classes.add(new WeakReference<>(r.getClass()));
        }
        assertTrue(!classes.isEmpty());
        m.reset(); // drops every region
        assertEquals(0, m.translationStats().regions());
        for (int attempt = 0; attempt < 50 && classes.stream().anyMatch(w -> w.get() != null); attempt++) {
            System.gc();
            Thread.sleep(20);
        }
        for (WeakReference<Class<?>> w : classes) {
            assertNull(w.get(), "a dropped region's class was unloaded");
        }
    }

    @Test
    void metaspaceStaysBoundedWhileRegionsComeAndGo() {
        Machine m = new Machine(MachineConfig.builder().ramSize(1L << 20).translationThreshold(16).build(),
                ExternalInput.none(), UartOutput.discard());
        long baseline = 0;
        int rounds = 120;
        for (int round = 0; round < rounds; round++) {
            m.reset();
            m.memory().writeBytes(MachineConfig.RAM_BASE, RandomProgram.generate(9000 + round));
            m.run(100_000);
            if (round == rounds / 4) {
                baseline = metaspaceAfterGc();
            }
        }
        long installed = m.translationStats().installed();
        long end = metaspaceAfterGc();
        assertTrue(installed > 300, "enough regions came and went: " + installed);
        assertTrue(end - baseline < 8L << 20,
                "metaspace grew by " + ((end - baseline) >> 10) + " KiB over " + installed + " regions");
    }

    private static long metaspaceAfterGc() {
        for (int k = 0; k < 3; k++) {
            System.gc();
        }
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) {
                used = pool.getUsage().getUsed();
            }
        }
        return used;
    }
}
