package dev.backstep.machine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@code Tag_RISCV_arch} from an ELF's {@code .riscv.attributes} section (type SHT_RISCV_ATTRIBUTES): the
 * format is the generic ELF build-attributes one, 'A', then sub-sections (u32 length, vendor name, then tagged
 * blocks whose attributes are uleb128 tags with a uleb128 value for even tags and a NUL-terminated string for odd
 * ones). Anything malformed gives null: the attribute only picks a default.
 */
final class RiscvAttributes {
    private static final int SHT_RISCV_ATTRIBUTES = 0x7000_0003;
    private static final int TAG_FILE = 1;
    private static final int TAG_ARCH = 5;
    private static final int MAX_SECTION = 1 << 20;

    private RiscvAttributes() {
    }

    static String arch(ByteBuffer b, byte[] file, long shoff, int shentsize, int shnum) {
        if (shnum == 0 || shentsize < 40 || shoff + (long) shnum * shentsize > file.length) {
            return null;
        }
        for (int i = 0; i < shnum; i++) {
            int o = (int) (shoff + (long) i * shentsize);
            if (b.getInt(o + 4) != SHT_RISCV_ATTRIBUTES) {
                continue;
            }
            long off = Integer.toUnsignedLong(b.getInt(o + 16));
            long size = Integer.toUnsignedLong(b.getInt(o + 20));
            if (off + size > file.length || size > MAX_SECTION) {
                return null;
            }
            try {
                return parse(file, (int) off, (int) (off + size));
            } catch (IndexOutOfBoundsException e) {
                return null;
            }
        }
        return null;
    }

    private static String parse(byte[] f, int pos, int end) {
        if (pos >= end || f[pos] != 'A') {
            return null;
        }
        pos++;
        while (pos + 4 <= end) {
            int len = u32(f, pos);
            int subEnd = pos + len;
            if (len < 5 || subEnd > end) {
                return null;
            }
            int p = pos + 4;
            int nameStart = p;
            while (p < subEnd && f[p] != 0) {
                p++;
            }
            String vendor = new String(f, nameStart, p - nameStart, StandardCharsets.US_ASCII);
            p++;
            if (vendor.equals("riscv")) {
                while (p < subEnd) {
                    int blockStart = p; // a block's length counts from its tag
                    int[] tag = uleb(f, p);
                    p = tag[1];
                    int blockLen = u32(f, p);
                    p += 4;
                    int blockEnd = blockStart + blockLen;
                    if (blockLen < 5 || blockEnd > subEnd) {
                        return null;
                    }
                    if (tag[0] != TAG_FILE) {
                        p = blockEnd;
                        continue;
                    }
                    while (p < Math.min(blockEnd, subEnd)) {
                        int[] t = uleb(f, p);
                        p = t[1];
                        if ((t[0] & 1) == 0) {
                            p = uleb(f, p)[1];
                        } else {
                            int s = p;
                            while (f[p] != 0) {
                                p++;
                            }
                            String value = new String(f, s, p - s, StandardCharsets.US_ASCII);
                            p++;
                            if (t[0] == TAG_ARCH) {
                                return value;
                            }
                        }
                    }
                }
            }
            pos = subEnd;
        }
        return null;
    }

    private static int u32(byte[] f, int p) {
        return (f[p] & 0xFF) | (f[p + 1] & 0xFF) << 8 | (f[p + 2] & 0xFF) << 16 | (f[p + 3] & 0xFF) << 24;
    }

    /** {value, position after it}. */
    private static int[] uleb(byte[] f, int p) {
        int v = 0;
        int shift = 0;
        while (true) {
            int by = f[p++] & 0xFF;
            if (shift < 32) {
                v |= (by & 0x7F) << shift;
            }
            shift += 7;
            if ((by & 0x80) == 0) {
                return new int[] {v, p};
            }
        }
    }
}
