package dev.backstep.machine;

/**
 * What translated code works with: the hart's register array, the RAM page views of the inline fast paths, and the
 * slow paths (devices, watched, shared or code pages, page-crossing and unmapped accesses), which go through the same
 * {@link Bus} calls as the interpreter's. A slow path that ends the chunk (a device, a watchpoint hit, a store into
 * translated code, the test finisher) or faults leaves the region through {@link RegionExit}.
 *
 * <p>A slow path gets the instruction's pc, the region's icount local and an {@code info} word packed at translation
 * time: access size (bits 0-2), sign extension (bit 3), instruction length (bits 4-6), how many instructions of the
 * block remain from this one on (bits 8-23: the instruction's icount is {@code icount - back}) and the destination
 * register (bits 24-29).
 */
final class RegionContext {
    final int[] x;
    final byte[][] rp;
    final byte[][] wp;
    /** The write marks of RAM pages ({@link ActivityMarks#writeMasks}): every fast store ORs the word it wrote. */
    final long[][] wm;
    private final Signals sig;
    private final Cpu cpu;
    private final Bus bus;
    private final ActivityMarks marks;
    /** The chunk end the region was entered with: a slow path that changed it ends the region. */
    long end;

    // the exit a slow path asked for, completed by finishExit() once the registers are stored
    private int exitCode;
    private int pendingRd;
    private int pendingValue;

    /**
     * A context for warming a new region up: entered with no budget, it leaves at once without touching any hart. So
     * the JVM sees enough calls to compile the region before it runs guest code in the bytecode interpreter.
     */
    static RegionContext warmUp() {
        return new RegionContext();
    }

    private RegionContext() {
        this.cpu = null;
        this.bus = null;
        this.sig = null;
        this.marks = null;
        this.x = new int[33];
        this.rp = new byte[0][];
        this.wp = new byte[0][];
        this.wm = new long[0][];
    }

    RegionContext(Cpu cpu, Bus bus, Signals sig) {
        this.cpu = cpu;
        this.bus = bus;
        this.sig = sig;
        this.x = cpu.x;
        this.rp = bus.ram.readPages;
        this.wp = bus.ram.writePages;
        this.marks = bus.ram.marks;
        this.wm = marks.writeMasks;
    }

    static int info(int size, boolean signed, int length, int back, int rd) {
        if (back < 1 || back > 0xFFFF) {
            throw new IllegalArgumentException("block position out of range: " + back);
        }
        return size | (signed ? 8 : 0) | length << 4 | back << 8 | rd << 24;
    }

    /**
     * The run state of the activity marks on region entry: {@link ActivityMarks#continuing} (1 when warming up: the
     * region leaves before it marks anything).
     */
    int runTag() {
        return marks == null ? 1 : marks.continuing;
    }

    /** {@link ActivityMarks#runEntry} on region entry. */
    int runEntry() {
        return marks == null ? 0 : marks.runEntry;
    }

    /**
     * Hands the run state back to the activity marks on the way out, as the interpreter leaves a chunk: a run that
     * goes on continues in the next chunk ({@code tag | 2}, see {@link Cpu#interpret}).
     */
    private void leaveRun(int tag, int runEntry) {
        marks.continuing = tag == 1 ? 1 : tag | 2;
        marks.runEntry = runEntry;
    }

    /**
     * Leaves the region at pc with the hart at icount (a branch out of it, a block that would cross the end), with
     * the run state of the activity marks.
     */
    int exit(int pc, long icount, int tag, int runEntry) {
        if (cpu == null) {
            return Cpu.R_CHUNK; // warming up
        }
        cpu.moveTo(pc, icount);
        leaveRun(tag, runEntry);
        return Cpu.R_CHUNK;
    }

    /** Completes the exit a slow path threw, after the region stored its registers and its run state. */
    int finishExit(int tag, int runEntry) {
        leaveRun(tag, runEntry);
        if (pendingRd != 0) {
            x[pendingRd] = pendingValue;
            pendingRd = 0;
        }
        return exitCode;
    }

    /** A load the inline fast path could not do. */
    int load(int a, int pc, long icount, int info) {
        int size = info & 7;
        long at = icount - ((info >>> 8) & 0xFFFF);
        int v;
        try {
            v = bus.load(a, size, pc, at);
        } catch (MemFault f) {
            throw fault(pc, at, f);
        }
        if ((info & 8) != 0) {
            v = size == 1 ? (byte) v : size == 2 ? (short) v : v;
        }
        if (sig.chunkEnd != end) {
            int rd = (info >>> 24) & 0x3F;
            if (rd != Op.X0_SINK) {
                pendingRd = rd;
                pendingValue = v;
            }
            throw after(pc, at, info);
        }
        return v;
    }

    /** A store the inline fast path could not do. */
    void store(int a, int v, int pc, long icount, int info) {
        long at = icount - ((info >>> 8) & 0xFFFF);
        try {
            bus.store(a, info & 7, v, pc, at);
        } catch (MemFault f) {
            throw fault(pc, at, f);
        }
        if (sig.chunkEnd != end) {
            throw after(pc, at, info);
        }
    }

    private RegionExit fault(int pc, long at, MemFault f) {
        cpu.faultAt(pc, at, f.cause, f.tval);
        exitCode = Cpu.R_SYNC_TRAP;
        return RegionExit.INSTANCE;
    }

    /** The instruction retired and the chunk ends: the region stops before the next one. */
    private RegionExit after(int pc, long at, int info) {
        cpu.moveTo(pc + ((info >>> 4) & 7), at + 1);
        exitCode = Cpu.R_CHUNK;
        return RegionExit.INSTANCE;
    }

    // ---- memory accesses of translated code: the RAM page views inline, the bus otherwise. One static method per
    // kind, shared by all regions: the JIT inlines it into each, with a branch profile gathered over all of them (a
    // slow path seen anywhere stays compiled, instead of trapping back to the bytecode interpreter when first taken).
    // A fast store ORs its write mark as the interpreter's does (the write view is open only to pages with masks).

    static int lb(byte[][] rp, int a, RegionContext c, int pc, long icount, int info) {
        int i = (a ^ 0x8000_0000) >>> 12;
        byte[] p;
        if (i < rp.length && (p = rp[i]) != null) {
            return p[a & 0xFFF];
        }
        return c.load(a, pc, icount, info);
    }

    static int lbu(byte[][] rp, int a, RegionContext c, int pc, long icount, int info) {
        int i = (a ^ 0x8000_0000) >>> 12;
        byte[] p;
        if (i < rp.length && (p = rp[i]) != null) {
            return p[a & 0xFFF] & 0xFF;
        }
        return c.load(a, pc, icount, info);
    }

    static int lh(byte[][] rp, int a, RegionContext c, int pc, long icount, int info) {
        int i = (a ^ 0x8000_0000) >>> 12;
        byte[] p;
        if (i < rp.length && (a & 0xFFF) <= 0xFFE && (p = rp[i]) != null) {
            return (short) Ram.I16.get(p, a & 0xFFF);
        }
        return c.load(a, pc, icount, info);
    }

    static int lhu(byte[][] rp, int a, RegionContext c, int pc, long icount, int info) {
        int i = (a ^ 0x8000_0000) >>> 12;
        byte[] p;
        if (i < rp.length && (a & 0xFFF) <= 0xFFE && (p = rp[i]) != null) {
            return (short) Ram.I16.get(p, a & 0xFFF) & 0xFFFF;
        }
        return c.load(a, pc, icount, info);
    }

    static int lw(byte[][] rp, int a, RegionContext c, int pc, long icount, int info) {
        int i = (a ^ 0x8000_0000) >>> 12;
        byte[] p;
        if (i < rp.length && (a & 0xFFF) <= 0xFFC && (p = rp[i]) != null) {
            return (int) Ram.I32.get(p, a & 0xFFF);
        }
        return c.load(a, pc, icount, info);
    }

    static void sb(byte[][] wp, long[][] wm, int a, int v, RegionContext c, int pc, long icount, int info) {
        int i = (a ^ 0x8000_0000) >>> 12;
        byte[] p;
        if (i < wp.length && (p = wp[i]) != null) {
            p[a & 0xFFF] = (byte) v;
            wm[i][(a >>> ActivityMarks.WRITE_GROUP_SHIFT) & 15] |= 1L << (a >>> ActivityMarks.WORD_SHIFT);
        } else {
            c.store(a, v, pc, icount, info);
        }
    }

    static void sh(byte[][] wp, long[][] wm, int a, int v, RegionContext c, int pc, long icount, int info) {
        int i = (a ^ 0x8000_0000) >>> 12;
        byte[] p;
        if (i < wp.length && (a & 0xFFF) <= 0xFFE && (p = wp[i]) != null) {
            Ram.I16.set(p, a & 0xFFF, (short) v);
            wm[i][(a >>> ActivityMarks.WRITE_GROUP_SHIFT) & 15] |= 1L << (a >>> ActivityMarks.WORD_SHIFT);
        } else {
            c.store(a, v, pc, icount, info);
        }
    }

    static void sw(byte[][] wp, long[][] wm, int a, int v, RegionContext c, int pc, long icount, int info) {
        int i = (a ^ 0x8000_0000) >>> 12;
        byte[] p;
        if (i < wp.length && (a & 0xFFF) <= 0xFFC && (p = wp[i]) != null) {
            Ram.I32.set(p, a & 0xFFF, v);
            wm[i][(a >>> ActivityMarks.WRITE_GROUP_SHIFT) & 15] |= 1L << (a >>> ActivityMarks.WORD_SHIFT);
        } else {
            c.store(a, v, pc, icount, info);
        }
    }

    // ---- ALU semantics shared with the interpreter where they are more than one bytecode

    static int slt(int a, int b) {
        return a < b ? 1 : 0;
    }

    static int sltu(int a, int b) {
        return Integer.compareUnsigned(a, b) < 0 ? 1 : 0;
    }
}
