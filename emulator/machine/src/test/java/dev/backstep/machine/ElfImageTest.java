package dev.backstep.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ElfImageTest {
    /** A minimal ELF32 RISC-V executable: one PT_LOAD of {@code code} at vaddr, memsz = code + bss, symbol "main". */
    static byte[] elf(int vaddr, byte[] code, int bss) {
        int phoff = 52, dataOff = 0x100, strOff = dataOff + code.length, symOff = strOff + 16, shoff = symOff + 32;
        ByteBuffer b = ByteBuffer.allocate(shoff + 3 * 40).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 1, 1, 1});
        b.putShort(16, (short) 2).putShort(18, (short) 243).putInt(20, 1).putInt(24, vaddr)
                .putInt(28, phoff).putInt(32, shoff).putShort(40, (short) 52).putShort(42, (short) 32)
                .putShort(44, (short) 1).putShort(46, (short) 40).putShort(48, (short) 3);
        b.putInt(phoff, 1).putInt(phoff + 4, dataOff).putInt(phoff + 8, vaddr).putInt(phoff + 12, vaddr)
                .putInt(phoff + 16, code.length).putInt(phoff + 20, code.length + bss).putInt(phoff + 24, 7);
        b.put(dataOff, code);
        b.put(strOff, "\0main\0".getBytes(StandardCharsets.US_ASCII));
        // symbol 1: main, value vaddr, size 8, FUNC
        b.putInt(symOff + 16, 1).putInt(symOff + 20, vaddr).putInt(symOff + 24, 8).put(symOff + 28, (byte) 0x12);
        int sh1 = shoff + 40, sh2 = shoff + 80;
        b.putInt(sh1 + 4, 2).putInt(sh1 + 16, symOff).putInt(sh1 + 20, 32).putInt(sh1 + 24, 2).putInt(sh1 + 36, 16);
        b.putInt(sh2 + 4, 3).putInt(sh2 + 16, strOff).putInt(sh2 + 20, 16);
        return b.array();
    }

    private static String error(byte[] file) {
        return assertThrows(ElfFormatException.class, () -> ElfImage.parse(file)).getMessage();
    }

    @Test
    void parsesSegmentsEntryAndSymbols() throws Exception {
        byte[] code = new Asm().addi(10, 0, 7).pass().bytes();
        ElfImage e = ElfImage.parse(elf(MachineConfig.RAM_BASE, code, 64));
        assertEquals(MachineConfig.RAM_BASE, e.entry());
        assertEquals(1, e.segments().size());
        assertEquals(code.length + 64, e.segments().get(0).memSize());
        assertEquals("main", e.symbolize(MachineConfig.RAM_BASE));
        assertEquals("main+0x4", e.symbolize(MachineConfig.RAM_BASE + 4));
        assertEquals(null, e.symbolize(MachineConfig.RAM_BASE + 8));
        assertEquals(64, e.digest().length());
        Machine m = new Machine(MachineConfig.defaults(), ExternalInput.none(), UartOutput.discard());
        m.load(e);
        assertEquals(MachineStopReason.EXIT, m.run(1000));
        assertEquals(7, m.hart().x(10));
    }

    @Test
    void clearErrors() {
        byte[] good = elf(MachineConfig.RAM_BASE, new byte[16], 0);
        assertTrue(error(new byte[] {1, 2, 3}).contains("not an ELF"));
        assertTrue(error(java.util.Arrays.copyOf(good, 30)).contains("truncated ELF header"));
        byte[] b64 = good.clone();
        b64[4] = 2;
        assertTrue(error(b64).contains("64-bit"));
        byte[] be = good.clone();
        be[5] = 2;
        assertTrue(error(be).contains("big-endian"));
        byte[] arm = good.clone();
        arm[18] = 40;
        assertTrue(error(arm).contains("not a RISC-V"));
        byte[] noPh = good.clone();
        ByteBuffer.wrap(noPh).order(ByteOrder.LITTLE_ENDIAN).putShort(44, (short) 0);
        assertTrue(error(noPh).contains("no loadable"));
        byte[] badPh = good.clone();
        ByteBuffer.wrap(badPh).order(ByteOrder.LITTLE_ENDIAN).putInt(28, 1 << 20);
        assertTrue(error(badPh).contains("truncated program headers"));
        byte[] badSeg = good.clone();
        ByteBuffer.wrap(badSeg).order(ByteOrder.LITTLE_ENDIAN).putInt(52 + 16, 1 << 20).putInt(52 + 20, 1 << 20);
        assertTrue(error(badSeg).contains("truncated segment data"));
    }

    @Test
    void segmentOutsideRamIsRejectedAtLoad() throws Exception {
        ElfImage e = ElfImage.parse(elf(0x1000_0000, new byte[16], 0));
        Machine m = new Machine(MachineConfig.defaults(), ExternalInput.none(), UartOutput.discard());
        ElfFormatException ex = assertThrows(ElfFormatException.class, () -> m.load(e));
        assertTrue(ex.getMessage().contains("outside RAM"));
    }
}
