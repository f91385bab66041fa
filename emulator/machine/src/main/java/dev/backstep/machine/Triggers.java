package dev.backstep.machine;

import java.util.function.IntConsumer;

/**
 * The hart's debug triggers (Sdtrig) as QEMU 7.2 implements them: two triggers chosen by {@code tselect}, each an
 * address/data match trigger of type 2 ({@code mcontrol}) or 6 ({@code mcontrol6}) configured by {@code tdata1} and
 * compared with {@code tdata2}; a match raises a breakpoint exception (cause 3, mtval 0) before the instruction or
 * access, which then does not retire. Only the fields QEMU keeps are kept: the load, store and execute enables, the
 * M, S and U mode bits, the size (and, for type 6, the VS/VU bits); match, chain, action, timing, select, hit and
 * dmode read as zero (equality match, breakpoint exception). Writes of another type are ignored, as QEMU ignores
 * types 0, 4, 5, 7 and 15 (types 1, 3 and 8 to 14 abort QEMU 7.2 itself). {@code tdata3} reads 0, {@code tinfo}
 * says types 2 and 6.
 *
 * <p>The debugger's own breakpoints and watchpoints are not triggers: the guest never sees them here.
 *
 * <p>What the machine does with them: execute triggers are marked in the decode cache where they match the current
 * privilege (the hart re-marks them when the privilege changes); load/store triggers flag their RAM pages so that
 * accesses there take the bus's slow path, which asks {@link #dataMatch}; while any trigger is armed the translator
 * leaves translated code alone and everything runs in the interpreter.
 */
final class Triggers {
    static final int COUNT = 2;
    static final int TSELECT = 0x7A0, TDATA1 = 0x7A1, TDATA2 = 0x7A2, TDATA3 = 0x7A3, TINFO = 0x7A4;
    /** tinfo: types 2 and 6 supported. */
    static final int TINFO_TYPES = 1 << 2 | 1 << 6;
    static final int TYPE2 = 2, TYPE6 = 6;
    static final int LOAD = 1, STORE = 2, EXECUTE = 4, MODE_U = 1 << 3, MODE_S = 1 << 4, MODE_M = 1 << 6;
    private static final int TYPE2_KEPT = 0x0003_005F;
    private static final int TYPE6_KEPT = 0x0180_005F;
    private static final int RESET_TDATA1 = TYPE2 << 28;
    /** RAM pages around a data trigger that are flagged: misaligned accesses are checked as aligned ones nearby. */
    private static final int DATA_MARGIN = 8;

    private final Ram ram;
    private int select;
    private final int[] tdata1 = new int[COUNT];
    private final int[] tdata2 = new int[COUNT];
    /** Privilege the hart runs at (kept up to date by the hart): the mode bits are compared with it. */
    int priv = Cpu.PRIV_M;
    /** Some trigger has load or store enabled for some mode: the bus asks {@link #dataMatch} on its slow path. */
    boolean dataArmed;
    /** Some trigger is enabled at all: translated code is not entered. */
    boolean armed;
    /** RAM pages flagged {@link Ram#TRIGGER} now. */
    private final java.util.BitSet flagged = new java.util.BitSet();

    Triggers(Ram ram) {
        this.ram = ram;
        reset();
    }

    static boolean isTriggerCsr(int csr) {
        return csr >= TSELECT && csr <= TINFO;
    }

    void reset() {
        select = 0;
        java.util.Arrays.fill(tdata1, RESET_TDATA1);
        java.util.Arrays.fill(tdata2, 0);
        priv = Cpu.PRIV_M;
        changed();
    }

    int read(int csr) {
        return switch (csr) {
            case TSELECT -> select;
            case TDATA1 -> tdata1[select];
            case TDATA2 -> tdata2[select];
            case TINFO -> TINFO_TYPES;
            default -> 0; // tdata3
        };
    }

    /** A CSR write; true when it may have changed what matches (the hart then drops marks of execute triggers). */
    boolean write(int csr, int v) {
        switch (csr) {
            case TSELECT -> {
                if (Integer.compareUnsigned(v, COUNT) < 0) {
                    select = v;
                }
                return false;
            }
            case TDATA1 -> {
                int type = v >>> 28;
                if (type == TYPE2) {
                    tdata1[select] = RESET_TDATA1 | (v & TYPE2_KEPT);
                } else if (type == TYPE6) {
                    int size = (v >>> 16) & 0xF;
                    int kept = v & TYPE6_KEPT;
                    if (type6Length(size) > 0) {
                        kept |= size << 16;
                    }
                    tdata1[select] = TYPE6 << 28 | kept;
                } else {
                    return false;
                }
            }
            case TDATA2 -> tdata2[select] = v;
            default -> {
                return false; // tdata3, tinfo: writes ignored
            }
        }
        changed();
        return true;
    }

    private static int type6Length(int size) {
        return switch (size) {
            case 0 -> 8;
            case 1 -> 1;
            case 2 -> 2;
            case 3 -> 4;
            case 5 -> 8;
            default -> 0;
        };
    }

    /** Bytes a data trigger covers from tdata2. */
    private int length(int t) {
        int c = tdata1[t];
        if (c >>> 28 == TYPE6) {
            return type6Length((c >>> 16) & 0xF);
        }
        int sizelo = (c >>> 16) & 3;
        return sizelo == 0 ? 4 : sizelo;
    }

    private static int modeBit(int priv) {
        return priv == Cpu.PRIV_M ? MODE_M : priv == Cpu.PRIV_U ? MODE_U : MODE_S;
    }

    private static boolean enabledSomewhere(int c) {
        return (c & (MODE_M | MODE_S | MODE_U)) != 0;
    }

    /** Whether an execute trigger matches an instruction at pc at this privilege. */
    boolean executes(int pc, int atPriv) {
        for (int t = 0; t < COUNT; t++) {
            int c = tdata1[t];
            if ((c & EXECUTE) != 0 && (c & modeBit(atPriv)) != 0 && tdata2[t] == pc) {
                return true;
            }
        }
        return false;
    }

    /** Calls back with the address of every execute trigger (enabled in some mode). */
    void forEachExecuteAddress(IntConsumer c) {
        for (int t = 0; t < COUNT; t++) {
            if ((tdata1[t] & EXECUTE) != 0 && enabledSomewhere(tdata1[t])) {
                c.accept(tdata2[t]);
            }
        }
    }

    boolean hasExecuteTriggers() {
        for (int t = 0; t < COUNT; t++) {
            if ((tdata1[t] & EXECUTE) != 0 && enabledSomewhere(tdata1[t])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a load (or store) of size bytes at addr, at the current privilege, matches a trigger. As on QEMU, a
     * misaligned access is checked as the two aligned accesses of its size that hold it.
     */
    boolean dataMatch(int addr, int size, boolean write) {
        int kind = write ? STORE : LOAD;
        int mode = modeBit(priv);
        for (int t = 0; t < COUNT; t++) {
            int c = tdata1[t];
            if ((c & kind) == 0 || (c & mode) == 0) {
                continue;
            }
            long lo = Integer.toUnsignedLong(tdata2[t]);
            long hi = lo + length(t);
            if (size > 1 && (addr & (size - 1)) != 0) {
                long a = Integer.toUnsignedLong(addr & -size);
                if (overlaps(a, a + 2L * size, lo, hi)) {
                    return true;
                }
            } else {
                long a = Integer.toUnsignedLong(addr);
                if (overlaps(a, a + size, lo, hi)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean overlaps(long a, long b, long lo, long hi) {
        return a < hi && lo < b;
    }

    /** After any change of configuration: what is armed, and which RAM pages take the slow path. */
    private void changed() {
        boolean any = false;
        boolean data = false;
        for (int t = 0; t < COUNT; t++) {
            int c = tdata1[t];
            if (enabledSomewhere(c) && (c & (LOAD | STORE | EXECUTE)) != 0) {
                any = true;
                data |= (c & (LOAD | STORE)) != 0;
            }
        }
        armed = any;
        dataArmed = data;
        reflag();
    }

    private void reflag() {
        for (int i = flagged.nextSetBit(0); i >= 0; i = flagged.nextSetBit(i + 1)) {
            ram.flags[i] &= ~Ram.TRIGGER;
            ram.refresh(i);
        }
        flagged.clear();
        for (int t = 0; t < COUNT; t++) {
            int c = tdata1[t];
            if (!enabledSomewhere(c) || (c & (LOAD | STORE)) == 0) {
                continue;
            }
            long start = Integer.toUnsignedLong(tdata2[t]) - DATA_MARGIN;
            long end = Integer.toUnsignedLong(tdata2[t]) + length(t) + DATA_MARGIN;
            for (long a = start & ~0xFFFL; a < end; a += Ram.PAGE) {
                int i = ram.index((int) a);
                if (i >= 0 && !flagged.get(i)) {
                    flagged.set(i);
                    ram.flags[i] |= Ram.TRIGGER;
                    ram.refresh(i);
                }
            }
        }
    }

    boolean atReset() {
        for (int t = 0; t < COUNT; t++) {
            if (tdata1[t] != RESET_TDATA1 || tdata2[t] != 0) {
                return false;
            }
        }
        return select == 0;
    }

    void save(StateWriter w) {
        w.put(select);
        for (int t = 0; t < COUNT; t++) {
            w.put(tdata1[t]);
            w.put(tdata2[t]);
        }
    }

    void load(StateReader r) {
        select = r.getInt();
        for (int t = 0; t < COUNT; t++) {
            tdata1[t] = r.getInt();
            tdata2[t] = r.getInt();
        }
        changed();
    }
}
