package dev.backstep.debuginfo;

import dev.backstep.debuginfo.elf.ElfSection;

import java.util.HashMap;
import java.util.Map;

/** A sparse byte memory for tests, seeded from a fixture's allocated sections (its load image). */
final class FakeTarget implements MemoryReader {
    private final Map<Long, Byte> bytes = new HashMap<>();

    static FakeTarget loadedFrom(DebugInfo info, byte[] file) {
        FakeTarget t = new FakeTarget();
        for (ElfSection s : info.elf().sections()) {
            if ((s.flags() & ElfSection.SHF_ALLOC) != 0) {
                for (long i = 0; i < s.size(); i++) {
                    t.bytes.put(s.address() + i, s.hasBytes() ? file[(int) (s.fileOffset() + i)] : 0);
                }
            }
        }
        return t;
    }

    void write32(long addr, int v) {
        for (int i = 0; i < 4; i++) {
            bytes.put((addr + i) & 0xffffffffL, (byte) (v >> (8 * i)));
        }
    }

    void write(long addr, byte[] b) {
        for (int i = 0; i < b.length; i++) {
            bytes.put((addr + i) & 0xffffffffL, b[i]);
        }
    }

    @Override
    public byte[] readBytes(int addr, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            Byte b = bytes.get((addr + i) & 0xffffffffL);
            if (b == null) {
                throw new MemoryAccessException(addr + i, 1);
            }
            out[i] = b;
        }
        return out;
    }
}
