package dev.backstep.session.internal.rtos;

import dev.backstep.debuginfo.DebugInfo;
import dev.backstep.debuginfo.MemoryAccessException;
import dev.backstep.debuginfo.MemoryReader;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The list walk and the saved-context layouts, on memory laid out by hand with the offsets the minirtos ELF's DWARF
 * gives (checked first): FreeRTOS's List_t is a ring of ListItem_t through the end marker inside the list.
 */
class KernelStructuresTest {
    private static final int LIST = 0x1000;

    /** 64 KiB of little-endian memory at 0. */
    private static final class Ram implements MemoryReader {
        final ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        void put(long at, long v) {
            b.putInt((int) at, (int) v);
        }

        @Override
        public byte[] readBytes(int addr, int length) {
            if (addr < 0 || addr + length > b.capacity()) {
                throw new MemoryAccessException(addr, length);
            }
            byte[] out = new byte[length];
            b.get(addr, out);
            return out;
        }
    }

    private static FreeRtos minirtos() throws Exception {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("emulator/examples"))) {
            p = p.getParent();
        }
        assumeTrue(p != null);
        Path elf = p.resolve("emulator/examples/rtos/minirtos.elf");
        assumeTrue(Files.isRegularFile(elf), elf + " is missing");
        return FreeRtos.detect(DebugInfo.load(elf), 0).orElseThrow();
    }

    /** ILP32 offsets of minirtos's list types (and of FreeRTOS's without configLIST_VOLATILE integrity checks). */
    private static final ListLayout ILP32 = new ListLayout(20, 0, 8, 4, 4, 12, 16);

    @Test
    void theListLayoutComesFromTheProgramsDwarf() throws Exception {
        FreeRtos f = minirtos();
        assertEquals(ILP32, f.listLayout());
        TcbLayout t = f.tcbLayout();
        assertEquals(0, t.topOfStack(), "pxTopOfStack must stay the TCB's first member");
        assertEquals(4, t.stateItem());
        assertEquals(12, t.nameLength(), "configMAX_TASK_NAME_LEN");
        assertTrue(t.endOfStack() > 0 && t.notifyState() > 0);
    }

    /** A list holding items at the given addresses, each owned by item + 0x100. */
    private static void list(Ram m, long list, long... items) {
        long end = list + 8;
        m.put(list, items.length);
        m.put(list + 4, end);
        m.put(end, 0xffffffffL);
        long prev = end;
        for (long it : items) {
            m.put(prev + 4, it);
            m.put(it + 8, prev);
            m.put(it + 12, it + 0x100);
            m.put(it + 16, list);
            prev = it;
        }
        m.put(prev + 4, end);
        m.put(end + 8, prev);
    }

    @Test
    void aListIsWalkedFromItsEndMarkerAroundTheRing() {
        Ram m = new Ram();
        list(m, LIST, 0x2000, 0x2040, 0x2080);
        KernelLists.Walk w = new KernelLists(ILP32).owners(m, LIST);
        assertEquals(List.of(0x2100L, 0x2140L, 0x2180L), w.owners());
        assertFalse(w.damaged());
        list(m, LIST);
        assertEquals(List.of(), new KernelLists(ILP32).owners(m, LIST).owners(), "an empty list");
    }

    @Test
    void aRingThatDoesNotCloseOrAnItemOfAnotherListIsDamagedNotFollowed() {
        Ram m = new Ram();
        list(m, LIST, 0x2000, 0x2040);
        m.put(0x2040 + 4, 0x2040); // points at itself: the walk would never end
        KernelLists.Walk w = new KernelLists(ILP32).owners(m, LIST);
        assertTrue(w.damaged());
        assertTrue(w.owners().size() <= 2);

        list(m, LIST, 0x2000, 0x2040);
        m.put(0x2040 + 16, 0x3000); // claims another container: caught mid-move
        w = new KernelLists(ILP32).owners(m, LIST);
        assertTrue(w.damaged());
        assertEquals(List.of(0x2100L), w.owners());

        list(m, LIST, 0x2000);
        m.put(LIST, 1_000_000); // a count beyond the bound
        m.put(0x2000 + 4, 0x2000);
        m.put(0x2000 + 16, LIST);
        w = new KernelLists(ILP32).owners(m, LIST);
        assertTrue(w.damaged());
        assertTrue(w.owners().size() <= KernelLists.MAX_ITEMS);
    }

    /** A context at top: word i holds 0x1000 + i, except the slots given. */
    private static Ram context(long top, int words, int mstatusSlot, int nestingSlot) {
        Ram m = new Ram();
        for (int i = 0; i < words; i++) {
            m.put(top + 4L * i, 0x1000 + i);
        }
        m.put(top + 4L * mstatusSlot, 0x1880); // MPP = machine, MPIE
        if (nestingSlot >= 0) {
            m.put(top + 4L * nestingSlot, 0);
        }
        return m;
    }

    @Test
    void theV11ContextHasMepcRaTheTemporariesNestingAndMstatus() {
        Ram m = context(0x4000, 31, 30, 29);
        SavedContext c = RiscvPortContext.V11.read(m, 0x4000, 0);
        assertEquals(0x1000, c.pc(), "mepc at word 0");
        assertEquals(0x1001, c.reg(1), "ra at word 1");
        assertEquals(0x1002, c.reg(5), "t0 at word 2");
        assertEquals(0x1007, c.reg(10), "a0 at word 7");
        assertEquals(0x101c, c.reg(31), "t6 at word 28");
        assertEquals(0x4000 + 31 * 4, c.sp(), "sp is above the context");
        assertEquals(0x1880, c.mstatus());
        assertFalse(c.saved(3) || c.saved(4), "gp and tp are not saved");
        assertTrue(RiscvPortContext.V11.plausible(m, 0x4000));
        assertFalse(RiscvPortContext.V11_3.plausible(m, 0x4000), "word 1 is ra, not an mstatus");
    }

    @Test
    void theV10ContextHasNoNestingSlot() {
        Ram m = context(0x4000, 30, 29, -1);
        SavedContext c = RiscvPortContext.V10.read(m, 0x4000, 0);
        assertEquals(0x101c, c.reg(31));
        assertEquals(0x4000 + 30 * 4, c.sp());
        assertEquals(0x1880, c.mstatus());
    }

    @Test
    void theLaterContextPutsMstatusSecondAndTheFpuBlockBeforeTheIntegers() {
        Ram m = context(0x4000, 31, 1, 30);
        SavedContext c = RiscvPortContext.V11_3.read(m, 0x4000, 4);
        assertEquals(0x1002, c.reg(1), "ra at word 2");
        assertEquals(0x1003, c.reg(5), "t0 at word 3");
        assertEquals(0x4000 + 31 * 4, c.sp());
        assertTrue(RiscvPortContext.V11_3.plausible(m, 0x4000));

        Ram dirty = new Ram();
        int fpu = 33 * 4;
        for (int i = 0; i < 31; i++) {
            dirty.put(0x4000 + fpu + 4L * i, 0x2000 + i);
        }
        dirty.put(0x4000, 0x1234);
        dirty.put(0x4004, 0x1880 | 0x6000); // FS = dirty: f0..f31 and fcsr were saved
        SavedContext d = RiscvPortContext.V11_3.read(dirty, 0x4000, 4);
        assertEquals(0x1234, d.pc());
        assertEquals(0x2002, d.reg(1), "the integer registers lie above the FPU block");
        assertEquals(0x4000 + fpu + 31 * 4, d.sp());
    }
}
