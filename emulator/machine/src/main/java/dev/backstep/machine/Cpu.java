package dev.backstep.machine;

import java.util.Set;

/**
 * The RV32IMAC hart and its interpreter. Instructions are decoded once into per-page int arrays
 * (see {@link Op}); {@link #runChunk} executes them in one dense switch with pc and icount in locals.
 */
final class Cpu {
    static final int MSTATUS_MIE = 1 << 3, MSTATUS_MPIE = 1 << 7, MSTATUS_MPP = 3 << 11, MSTATUS_MPRV = 1 << 17;
    /** TW: wfi in U mode raises illegal instruction (without S mode it is allowed there otherwise). */
    static final int MSTATUS_TW = 1 << 21;
    // SIE, SPIE, SPP, MIE, MPIE, MPP, MPRV, SUM, MXR, TVM, TW, TSR: the bits QEMU 7.2 keeps
    private static final int MSTATUS_WRITABLE = 0x2 | 0x20 | 0x100 | MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP
            | MSTATUS_MPRV | (0x1F << 18);
    /** mstatus.FS (float state Off, Initial, Clean, Dirty) and SD (some state dirty). */
    static final int MSTATUS_FS = 3 << 13, MSTATUS_SD = 1 << 31;
    static final int MIP_MSIP = 1 << 3, MIP_MTIP = 1 << 7, MIP_MEIP = 1 << 11;
    private static final int MIE_WRITABLE = 0xAAA;
    private static final int MIP_WRITABLE = 0x222;
    static final int MARCHID = 0x0007_0216; // what qemu-system-riscv32 7.2 reports
    static final int MIMPID = 0x0007_0216;
    static final int PRIV_U = 0, PRIV_M = 3;

    // chunk results
    static final int R_CHUNK = 0, R_BREAKPOINT = 1, R_SYNC_TRAP = 2, R_WFI = 3;
    /** The interpreter reached the entry of a translated block (pc and icount in the fields, nothing executed there). */
    static final int R_ENTRY = 4;

    /** x0..x31 and the x0 sink (index 32); translated code loads and stores them at its entry and exits. */
    final int[] x = new int[33];
    private int pc;
    private long icount;
    private int priv = PRIV_M;
    private int mstatus, mie, mipSw, mtvec, mepc, mcause, mtval, mscratch, medeleg, mideleg, mcounteren;
    private int mcountinhibit, satp, menvcfg;
    private final int[] pmpcfg = new int[4];
    private final int[] pmpaddr = new int[16];
    private long minstretDelta, mcycleDelta;
    /**
     * QEMU 7.2's mcountinhibit: a counter whose bit is set reads the value last written to it, but only until
     * mcountinhibit is first written with that bit clear (the counter has "started"; from then on it counts whatever
     * the bit says). The last written values (low and high halves as written) and the started bits.
     */
    private long mcycleWritten, minstretWritten;
    private int countersStarted;
    private int resAddr = -1, resVal;
    /** Asleep in wfi. */
    private boolean halted;
    /** The instruction set (decoder, misa, which CSRs exist); set when a program is loaded. */
    private Isa isa = Isa.RV32IMAC;
    /** f0..f31, frm and fflags: used only when the ISA has F. */
    final FloatUnit fpu = new FloatUnit();
    private final FloatUnit.Memory fpMemory = new FloatUnit.Memory() {
        @Override
        public int load32(int addr) {
            return Cpu.this.load32(addr, pc, icount);
        }

        @Override
        public void store32(int addr, int value) {
            Cpu.this.store32(addr, value, pc, icount);
        }
    };

    /** Pending synchronous trap produced by the last chunk (R_SYNC_TRAP). */
    private int trapCause, trapTval;
    private boolean trapRetires;

    private final Bus bus;
    private final Ram ram;
    private final Clint clint;
    private final Signals signals;
    private final byte[][] rp;
    private final byte[][] wp;
    private final long[][] codeRam;
    private final long[][] codeRom;
    /** See {@link ActivityMarks}: code granules and written lines, marked on the hot path. */
    private final ActivityMarks marks;
    private final long[][] writeMarks;
    private final int[] decodeTmp = new int[2];
    /** One decoded-instruction slot per half-word of a page. */
    private static final int SLOTS = Ram.PAGE / 2;
    private static final int LAST_SLOT = SLOTS - 1;
    private final Set<Integer> breakpoints;
    /** The guest's own debug triggers (Sdtrig), not the debugger's breakpoints. */
    private final Triggers triggers;
    /** Decode-slot marker of an execute trigger that matches at the current privilege (imm 1 tells it from BREAKPOINT). */
    static final long TRIGGER_MARK = Op.BREAKPOINT | 1L << 32;
    /** A breakpoint address not marked while stepping over it (1: none, as pcs are even). */
    private int suppressedBreakpoint = 1;
    /** Translated code, told about every change of code; null when the machine only interprets. */
    private TranslationCache translations;

    Cpu(Bus bus, Set<Integer> breakpoints) {
        this.bus = bus;
        this.ram = bus.ram;
        this.clint = bus.clint;
        this.signals = bus.signals;
        this.rp = ram.readPages;
        this.wp = ram.writePages;
        this.codeRam = new long[ram.pageCount][];
        this.codeRom = new long[Bus.ROM_SIZE / Ram.PAGE][];
        this.breakpoints = breakpoints;
        this.triggers = bus.triggers;
        this.marks = ram.marks;
        this.writeMarks = marks.writeMasks;
        bus.setCodeInvalidator(this::invalidateStore);
        ram.codePageReplaced = this::codePageReplaced;
    }

    /** A restore put another page under decoded code: keep the decoded form only if the bytes are the same. */
    private void codePageReplaced(int i, byte[] before, byte[] after) {
        byte[] b = before == null ? Ram.ZERO : before;
        byte[] a = after == null ? Ram.ZERO : after;
        if (java.util.Arrays.equals(b, a)) {
            return;
        }
        if (translations != null && translations.pageReplaced(i, b, a)) {
            // translated code whose bytes did not change stays (code and data often share a page: a restore
            // must not throw away the hot loop because a variable next to it changed); the page stays a code
            // page, and its decoded instructions are decoded again
            java.util.Arrays.fill(codeRam[i], 0);
            if (i > 0 && codeRam[i - 1] != null) {
                codeRam[i - 1][LAST_SLOT] = 0;
            }
            signals.endChunk();
        } else {
            invalidateRamPage(i);
        }
    }

    void reset() {
        java.util.Arrays.fill(x, 0);
        pc = Bus.ROM_BASE;
        icount = 0;
        priv = PRIV_M;
        mstatus = mie = mipSw = mtvec = mepc = mcause = mtval = mscratch = 0;
        medeleg = mideleg = mcounteren = mcountinhibit = satp = menvcfg = 0;
        java.util.Arrays.fill(pmpcfg, 0);
        java.util.Arrays.fill(pmpaddr, 0);
        triggers.reset();
        minstretDelta = mcycleDelta = 0;
        mcycleWritten = minstretWritten = 0;
        countersStarted = 0;
        resAddr = -1;
        resVal = 0;
        halted = false;
        fpu.reset();
        marks.beginRun();
        invalidateAll();
    }

    /** Changes the instruction set (at load, before reset: decoded code and state follow it). */
    void setIsa(Isa isa) {
        this.isa = isa;
        invalidateAll();
    }

    Isa isa() {
        return isa;
    }

    private int mstatusWritable() {
        return isa.f() ? MSTATUS_WRITABLE | MSTATUS_FS : MSTATUS_WRITABLE;
    }

    /** Whether F/D instructions and the float CSRs may run: the ISA has F and mstatus.FS is not Off. */
    private boolean floatEnabled() {
        return isa.f() && (mstatus & MSTATUS_FS) != 0;
    }

    /** An instruction wrote a float register: FS becomes Dirty (SD is read from FS: {@link #mstatusRead}). */
    private void markFloatDirty() {
        mstatus |= MSTATUS_FS;
    }

    /** mstatus as read: SD set when FS is Dirty (the hart has no other extension state). */
    private int mstatusRead() {
        return (mstatus & MSTATUS_FS) == MSTATUS_FS ? mstatus | MSTATUS_SD : mstatus;
    }

    // ---------------------------------------------------------------- the hart as the run loop and debuggers see it

    int pc() {
        return pc;
    }

    long icount() {
        return icount;
    }

    /** x1..x31 (x0 reads 0). */
    int register(int reg) {
        return reg == 0 ? 0 : x[reg];
    }

    void setRegister(int reg, int value) {
        if (reg != 0) {
            x[reg] = value;
        }
    }

    /** A debugger moves the pc: the hart goes on from there, awake if it slept in wfi. */
    void redirect(int newPc) {
        pc = newPc & ~1;
        marks.beginRun();
        halted = false;
    }

    int privilege() {
        return priv;
    }

    boolean waitingForInterrupt() {
        return halted;
    }

    /** A hart asleep in wfi wakes when an enabled interrupt is pending; true when it is (now) awake. */
    boolean wakeIfInterruptPending() {
        if (halted && wakeCondition()) {
            halted = false;
        }
        return !halted;
    }

    /** Whether the machine timer interrupt is enabled in mie (so a timer deadline can wake the hart from wfi). */
    boolean timerInterruptEnabled() {
        return (mie & MIP_MTIP) != 0;
    }

    /** mtvec, for messages about trap handlers. */
    int trapVector() {
        return mtvec;
    }

    /** The synchronous trap the last chunk ended on (R_SYNC_TRAP), not entered yet. */
    PendingTrap syncTrap() {
        return new PendingTrap(trapCause, trapTval);
    }

    int syncTrapCause() {
        return trapCause;
    }

    int syncTrapTval() {
        return trapTval;
    }

    /**
     * Retires the instruction that raised the last chunk's synchronous trap, when it counts as executed, as QEMU 7.2
     * counts them: ecall, ebreak and instructions the decoder finds illegal (an F/D instruction with mstatus.FS Off
     * too) do; an instruction found illegal while executing (a CSR it may not access, a float CSR with FS Off, a
     * reserved rounding mode, mret or a trapping wfi in U mode), a faulting or misaligned access and a debug trigger
     * do not. The trap is not entered yet.
     *
     * @return whether it retired
     */
    boolean retireTrappingInstruction() {
        if (trapRetires) {
            icount++;
        }
        return trapRetires;
    }

    /**
     * Executes exactly one instruction (stopAt = icount + 1) with the breakpoint at pc lifted: how the run loop
     * steps off a breakpoint it stopped at. The breakpoint is marked again for the next time pc comes round.
     */
    int stepOffBreakpoint() {
        int at = pc;
        suppressedBreakpoint = at;
        invalidateAt(at);
        try {
            return runChunk(icount + 1);
        } finally {
            suppressedBreakpoint = 1;
            invalidateAt(at);
        }
    }

    // ---------------------------------------------------------------- decode cache

    /** Translated code from now on hears of every change to decoded code (stores, restores, breakpoints, fence.i). */
    void attachTranslations(TranslationCache t) {
        translations = t;
    }

    void invalidateRamPage(int i) {
        if (translations != null) {
            translations.pageChanged(i);
        }
        codeRam[i] = null;
        ram.setFlag(i, Ram.CODE, false);
        if (i > 0 && codeRam[i - 1] != null) {
            // a 4-byte instruction at the end of the previous page reads this page too
            codeRam[i - 1][LAST_SLOT] = 0;
        }
        signals.endChunk();
    }

    /**
     * A store of {@code size} bytes at page offset {@code off} of RAM page i, which holds decoded code:
     * forget only the instructions it may overlap (including a 4-byte one starting 2 bytes before).
     * The running loop sees the cleared slots and decodes them again.
     */
    void invalidateStore(int i, int off, int size) {
        if (translations != null) {
            translations.stored(i, off, size);
        }
        long[] c = codeRam[i];
        if (c == null) {
            return;
        }
        int first = (off - 2) >> 1;
        int last = (off + size - 1) >> 1;
        for (int s = Math.max(first, 0); s <= last; s++) {
            c[s] = 0;
        }
        if (first < 0 && i > 0 && codeRam[i - 1] != null) {
            codeRam[i - 1][LAST_SLOT] = 0;
        }
    }

    void invalidateAll() {
        if (translations != null) {
            translations.clear();
        }
        for (int i = 0; i < codeRam.length; i++) {
            if (codeRam[i] != null) {
                codeRam[i] = null;
                ram.setFlag(i, Ram.CODE, false);
            }
        }
        java.util.Arrays.fill(codeRom, null);
        signals.endChunk();
    }

    /** Drops the decoded instruction at addr (breakpoint set or removed there). */
    void invalidateAt(int addr) {
        long[] page = codePageOrNull(addr);
        if (page != null) {
            page[(addr & 0xFFF) >>> 1] = 0;
        }
        signals.endChunk();
    }

    /**
     * Marks a breakpoint in the decode cache at once (an undecoded slot is marked when it is decoded): adding a
     * breakpoint back after stepping off it then costs no second decode.
     */
    void markBreakpoint(int addr) {
        if (translations != null) {
            translations.breakpointAdded(addr);
        }
        long[] page = codePageOrNull(addr);
        if (page != null && addr != suppressedBreakpoint) {
            page[(addr & 0xFFF) >>> 1] = Op.BREAKPOINT;
        }
        signals.endChunk();
    }

    private long[] codePageOrNull(int addr) {
        int i = ram.index(addr);
        if (i >= 0) {
            return codeRam[i];
        }
        return Bus.isRom(addr) ? codeRom[(addr - Bus.ROM_BASE) >>> 12] : null;
    }

    /** The decode array for the page holding pc; throws an instruction access fault if unmapped. */
    private long[] codePage(int pc) {
        int i = ram.index(pc);
        if (i >= 0) {
            long[] c = codeRam[i];
            if (c == null) {
                c = new long[SLOTS];
                codeRam[i] = c;
                ram.setFlag(i, Ram.CODE, true);
            }
            return c;
        }
        if (Bus.isRom(pc)) {
            int r = (pc - Bus.ROM_BASE) >>> 12;
            long[] c = codeRom[r];
            if (c == null) {
                c = new long[SLOTS];
                codeRom[r] = c;
            }
            return c;
        }
        throw bus.fault.set(Trap.INSTRUCTION_ACCESS_FAULT, pc);
    }

    private int fetchHalf(int addr, int faultAddr) {
        int i = ram.index(addr);
        if (i >= 0) {
            return Bus.get(ram.pageForRead(i), addr & 0xFFF, 2);
        }
        if (Bus.isRom(addr)) {
            return Bus.get(bus.rom, addr - Bus.ROM_BASE, 2);
        }
        throw bus.fault.set(Trap.INSTRUCTION_ACCESS_FAULT, faultAddr);
    }

    /** Raw instruction bits at addr (16 or 32 bits). */
    int fetchBits(int addr) {
        int lo = fetchHalf(addr, addr);
        if ((lo & 3) != 3) {
            return lo;
        }
        int hiAddr = addr + 2;
        if ((hiAddr & 0xFFF) == 0) {
            int i = ram.index(hiAddr);
            if (i >= 0 && codeRam[i] == null) {
                // the next page must notice stores too: give it an (empty) decode page
                codeRam[i] = new long[SLOTS];
                ram.setFlag(i, Ram.CODE, true);
            }
        }
        return lo | fetchHalf(hiAddr, hiAddr) << 16;
    }

    /** Decodes the instruction at pc into its slot: low 32 bits the packed word, high 32 bits the immediate. */
    private long decodeInto(long[] code, int pc) {
        int bits = fetchBits(pc);
        Decoder.decode(bits, decodeTmp, isa);
        long e;
        if (pc != suppressedBreakpoint && !breakpoints.isEmpty() && breakpoints.contains(pc)) {
            e = Op.BREAKPOINT;
        } else if (triggers.armed && triggers.executes(pc, priv)) {
            e = TRIGGER_MARK;
        } else if (translations != null && translations.hasEntry(pc)) {
            e = Op.ENTRY;
        } else {
            e = Integer.toUnsignedLong(decodeTmp[0]) | (long) decodeTmp[1] << 32;
        }
        code[(pc & 0xFFF) >>> 1] = e;
        return e;
    }

    // ---------------------------------------------------------------- what the translator needs of the hart

    /**
     * The instruction at pc as the decoder sees it (low 32 bits the packed word, high 32 bits the immediate),
     * whatever marker its decode slot holds; the pages it lies on become code pages, so stores there are noticed.
     * Throws the instruction access fault of an unmapped pc.
     */
    long decodedInstruction(int pc) {
        codePage(pc);
        int bits = fetchBits(pc);
        Decoder.decode(bits, decodeTmp, isa);
        return Integer.toUnsignedLong(decodeTmp[0]) | (long) decodeTmp[1] << 32;
    }

    /** Whether a RAM page has a decode page (and so the CODE flag that routes stores to it through the bus). */
    boolean isCodePage(int ramPage) {
        return codeRam[ramPage] != null;
    }

    /** A translated block starts at pc: the interpreter hands over when it gets there (unless a breakpoint is there). */
    void markEntry(int at) {
        long[] page = codePageOrNull(at);
        if (page != null && (int) page[(at & 0xFFF) >>> 1] != Op.BREAKPOINT) {
            page[(at & 0xFFF) >>> 1] = Op.ENTRY;
        }
    }

    /** The translated block at pc is gone: the slot is decoded again when next reached. */
    void unmarkEntry(int at) {
        long[] page = codePageOrNull(at);
        if (page != null && page[(at & 0xFFF) >>> 1] == Op.ENTRY) {
            page[(at & 0xFFF) >>> 1] = 0;
        }
    }

    /** Translated code left the hart here. */
    void moveTo(int newPc, long newIcount) {
        pc = newPc;
        icount = newIcount;
    }

    /** Translated code hit a faulting access at pc (the run loop enters the trap; nothing retired). */
    void faultAt(int atPc, long atIcount, int cause, int tval) {
        pc = atPc;
        icount = atIcount;
        trapCause = cause;
        trapTval = tval;
        trapRetires = false;
    }

    /**
     * Interprets up to {@code end} from an entry the translated region cannot take (its block would cross the
     * chunk's end): the entry's slot holds the real instruction meanwhile, and the entry marker again afterwards
     * (unless something changed the slot: it is then decoded, and marked, again when reached).
     */
    int interpretThroughEntry(long end, long decoded) {
        int at = pc;
        long[] page = codePage(at);
        int slot = (at & 0xFFF) >>> 1;
        long put = triggers.armed && triggers.executes(at, priv) ? TRIGGER_MARK : decoded;
        page[slot] = put;
        try {
            return interpret(end);
        } finally {
            long[] now = codePageOrNull(at);
            if (now != null && now[slot] == put) {
                now[slot] = translations != null && translations.hasEntry(at) ? Op.ENTRY : 0;
            }
        }
    }

    // ---------------------------------------------------------------- memory for lr/sc/amo (the loop inlines its own)

    int load32(int a, int pc, long ic) {
        int i = (a ^ 0x8000_0000) >>> 12;
        if (i < rp.length && (a & 0xFFF) <= 0xFFC) {
            byte[] p = rp[i];
            if (p != null) {
                return (int) Ram.I32.get(p, a & 0xFFF);
            }
        }
        return bus.load(a, 4, pc, ic);
    }

    void store32(int a, int v, int pc, long ic) {
        int i = (a ^ 0x8000_0000) >>> 12;
        if (i < wp.length && (a & 0xFFF) <= 0xFFC) {
            byte[] p = wp[i];
            if (p != null) {
                Ram.I32.set(p, a & 0xFFF, v);
                writeMarks[i][(a >>> ActivityMarks.WRITE_GROUP_SHIFT) & 15] |= 1L << (a >>> ActivityMarks.WORD_SHIFT);
                return;
            }
        }
        bus.store(a, 4, v, pc, ic);
    }

    // ---------------------------------------------------------------- the interpreter

    /**
     * Executes instructions until icount reaches {@code stopAt}, a device or slow path ends the chunk,
     * or something needs the machine's attention. Leaves pc/icount in the fields.
     */
    int runChunk(long stopAt) {
        signals.chunkEnd = stopAt;
        return interpret(stopAt);
    }

    /**
     * The interpreter: as {@link #runChunk}, within a chunk whose end is already in {@link Signals#chunkEnd} (and no
     * later than stopAt). The translator interprets stretches of a chunk with it.
     */
    int interpret(long stopAt) {
        // The registers live in a local array during the chunk: the JIT knows its length, so the masked
        // register indexes need no bounds checks. Copied back on every way out.
        final int[] x = new int[64];
        System.arraycopy(this.x, 0, x, 0, 33);
        try {
            final Signals sig = this.signals;
            final byte[][] rp = this.rp;
            final byte[][] wp = this.wp;
            final long[][] wm = this.writeMarks;
            // Only slow paths (devices, CSR writes, code invalidation...) end a chunk early: the loop keeps
            // the end in a local and re-reads the shared field after each of them.
            long end = stopAt;
            int pc = this.pc;
            long ic = this.icount;
            long[] code = null;
            int codeTag = 1;
            // ActivityMarks: the granule of the previous instruction when this one continues its run; 1 when this one
            // begins a run (a jump, a branch back below where the run entered its granule, a trap came before);
            // granule | 2 to continue a run on a page not loaded yet in this chunk. An instruction that begins a run,
            // or enters another granule, marks its offset; entryPc is where the run entered the granule.
            int granuleTag = marks.continuing;
            int entryPc = marks.runEntry;
            int[] entries = null;
            // the run state before the latest entry mark, and that mark's word as it was: a breakpoint stop takes back
            // the mark of the instruction it stops before (it runs in the next stretch: a stop there marks as a LIMIT)
            int tagBefore = granuleTag;
            int entryBefore = entryPc;
            int maskBefore = 0;
            int checkedAt = 1;
            int markedAt = 1;
            try {
                while (ic < end) {
                    if ((pc & ~0x3F) != granuleTag) {
                        if ((pc & ~0xFFF) != codeTag) {
                            code = codePage(pc);
                            codeTag = pc & ~0xFFF;
                            entries = marks.entries(marks.codeSlot(pc));
                        }
                        int g = pc & ~0x3F;
                        tagBefore = granuleTag;
                        entryBefore = entryPc;
                        checkedAt = pc;
                        if (granuleTag != (g | 2)) {
                            int k = (pc >>> ActivityMarks.GRANULE_SHIFT) & 63;
                            maskBefore = entries[k];
                            entries[k] = maskBefore | 1 << (pc >>> 1);
                            entryPc = pc;
                            markedAt = pc;
                        }
                        granuleTag = g;
                    }
                    long e = code[(pc & 0xFFF) >>> 1];
                    if (e == 0) {
                        e = decodeInto(code, pc);
                    }
                    int w = (int) e;
                    int imm = (int) (e >> 32);
                    int rd = (w >>> 8) & 0x3F;
                    int rs1 = (w >>> 16) & 0x1F;
                    int rs2 = (w >>> 24) & 0x3F;
                    int npc = pc + 4 - ((w >>> 6) & 2);
                    switch (w & 0x7F) {
                        case Op.LUI -> x[rd] = imm;
                        case Op.AUIPC -> x[rd] = pc + imm;
                        case Op.JAL -> {
                            x[rd] = npc;
                            npc = pc + imm;
                            granuleTag = 1;
                        }
                        case Op.JALR -> {
                            int t = (x[rs1] + imm) & ~1;
                            x[rd] = npc;
                            npc = t;
                            granuleTag = 1;
                        }
                        case Op.BEQ -> {
                            if (x[rs1] == x[rs2]) {
                                npc = pc + imm;
                                if (npc - entryPc < 0) {
                                    granuleTag = 1; // below the run's entry (or out of its granule)
                                }
                            }
                        }
                        case Op.BNE -> {
                            if (x[rs1] != x[rs2]) {
                                npc = pc + imm;
                                if (npc - entryPc < 0) {
                                    granuleTag = 1; // below the run's entry (or out of its granule)
                                }
                            }
                        }
                        case Op.BLT -> {
                            if (x[rs1] < x[rs2]) {
                                npc = pc + imm;
                                if (npc - entryPc < 0) {
                                    granuleTag = 1; // below the run's entry (or out of its granule)
                                }
                            }
                        }
                        case Op.BGE -> {
                            if (x[rs1] >= x[rs2]) {
                                npc = pc + imm;
                                if (npc - entryPc < 0) {
                                    granuleTag = 1; // below the run's entry (or out of its granule)
                                }
                            }
                        }
                        case Op.BLTU -> {
                            if (Integer.compareUnsigned(x[rs1], x[rs2]) < 0) {
                                npc = pc + imm;
                                if (npc - entryPc < 0) {
                                    granuleTag = 1; // below the run's entry (or out of its granule)
                                }
                            }
                        }
                        case Op.BGEU -> {
                            if (Integer.compareUnsigned(x[rs1], x[rs2]) >= 0) {
                                npc = pc + imm;
                                if (npc - entryPc < 0) {
                                    granuleTag = 1; // below the run's entry (or out of its granule)
                                }
                            }
                        }
                        // Loads and stores: the RAM fast path inline; the slow path (devices, watched, shared or
                        // code pages) may end the chunk, so re-read its end only there.
                        case Op.LB -> {
                            int a = x[rs1] + imm;
                            int i = (a ^ 0x8000_0000) >>> 12;
                            byte[] p;
                            if (i < rp.length && (p = rp[i]) != null) {
                                x[rd] = p[a & 0xFFF];
                            } else {
                                x[rd] = (byte) bus.load(a, 1, pc, ic);
                                end = Math.min(end, sig.chunkEnd);
                            }
                        }
                        case Op.LBU -> {
                            int a = x[rs1] + imm;
                            int i = (a ^ 0x8000_0000) >>> 12;
                            byte[] p;
                            if (i < rp.length && (p = rp[i]) != null) {
                                x[rd] = p[a & 0xFFF] & 0xFF;
                            } else {
                                x[rd] = bus.load(a, 1, pc, ic);
                                end = Math.min(end, sig.chunkEnd);
                            }
                        }
                        case Op.LH -> {
                            int a = x[rs1] + imm;
                            int i = (a ^ 0x8000_0000) >>> 12;
                            byte[] p;
                            if (i < rp.length && (a & 0xFFF) <= 0xFFE && (p = rp[i]) != null) {
                                x[rd] = (short) Ram.I16.get(p, a & 0xFFF);
                            } else {
                                x[rd] = (short) bus.load(a, 2, pc, ic);
                                end = Math.min(end, sig.chunkEnd);
                            }
                        }
                        case Op.LHU -> {
                            int a = x[rs1] + imm;
                            int i = (a ^ 0x8000_0000) >>> 12;
                            byte[] p;
                            if (i < rp.length && (a & 0xFFF) <= 0xFFE && (p = rp[i]) != null) {
                                x[rd] = (short) Ram.I16.get(p, a & 0xFFF) & 0xFFFF;
                            } else {
                                x[rd] = bus.load(a, 2, pc, ic);
                                end = Math.min(end, sig.chunkEnd);
                            }
                        }
                        case Op.LW -> {
                            int a = x[rs1] + imm;
                            int i = (a ^ 0x8000_0000) >>> 12;
                            byte[] p;
                            if (i < rp.length && (a & 0xFFF) <= 0xFFC && (p = rp[i]) != null) {
                                x[rd] = (int) Ram.I32.get(p, a & 0xFFF);
                            } else {
                                x[rd] = bus.load(a, 4, pc, ic);
                                end = Math.min(end, sig.chunkEnd);
                            }
                        }
                        case Op.SB -> {
                            int a = x[rs1] + imm;
                            int i = (a ^ 0x8000_0000) >>> 12;
                            byte[] p;
                            if (i < wp.length && (p = wp[i]) != null) {
                                p[a & 0xFFF] = (byte) x[rs2];
                                wm[i][(a >>> ActivityMarks.WRITE_GROUP_SHIFT) & 15] |= 1L << (a >>> ActivityMarks.WORD_SHIFT);
                            } else {
                                bus.store(a, 1, x[rs2], pc, ic);
                                end = Math.min(end, sig.chunkEnd);
                            }
                        }
                        case Op.SH -> {
                            int a = x[rs1] + imm;
                            int i = (a ^ 0x8000_0000) >>> 12;
                            byte[] p;
                            if (i < wp.length && (a & 0xFFF) <= 0xFFE && (p = wp[i]) != null) {
                                Ram.I16.set(p, a & 0xFFF, (short) x[rs2]);
                                wm[i][(a >>> ActivityMarks.WRITE_GROUP_SHIFT) & 15] |= 1L << (a >>> ActivityMarks.WORD_SHIFT);
                            } else {
                                bus.store(a, 2, x[rs2], pc, ic);
                                end = Math.min(end, sig.chunkEnd);
                            }
                        }
                        case Op.SW -> {
                            int a = x[rs1] + imm;
                            int i = (a ^ 0x8000_0000) >>> 12;
                            byte[] p;
                            if (i < wp.length && (a & 0xFFF) <= 0xFFC && (p = wp[i]) != null) {
                                Ram.I32.set(p, a & 0xFFF, x[rs2]);
                                wm[i][(a >>> ActivityMarks.WRITE_GROUP_SHIFT) & 15] |= 1L << (a >>> ActivityMarks.WORD_SHIFT);
                            } else {
                                bus.store(a, 4, x[rs2], pc, ic);
                                end = Math.min(end, sig.chunkEnd);
                            }
                        }
                        case Op.ADDI -> x[rd] = x[rs1] + imm;
                        case Op.SLTI -> x[rd] = x[rs1] < imm ? 1 : 0;
                        case Op.SLTIU -> x[rd] = Integer.compareUnsigned(x[rs1], imm) < 0 ? 1 : 0;
                        case Op.XORI -> x[rd] = x[rs1] ^ imm;
                        case Op.ORI -> x[rd] = x[rs1] | imm;
                        case Op.ANDI -> x[rd] = x[rs1] & imm;
                        case Op.SLLI -> x[rd] = x[rs1] << imm;
                        case Op.SRLI -> x[rd] = x[rs1] >>> imm;
                        case Op.SRAI -> x[rd] = x[rs1] >> imm;
                        case Op.ADD -> x[rd] = x[rs1] + x[rs2];
                        case Op.SUB -> x[rd] = x[rs1] - x[rs2];
                        case Op.SLL -> x[rd] = x[rs1] << x[rs2];
                        case Op.SLT -> x[rd] = x[rs1] < x[rs2] ? 1 : 0;
                        case Op.SLTU -> x[rd] = Integer.compareUnsigned(x[rs1], x[rs2]) < 0 ? 1 : 0;
                        case Op.XOR -> x[rd] = x[rs1] ^ x[rs2];
                        case Op.SRL -> x[rd] = x[rs1] >>> x[rs2];
                        case Op.SRA -> x[rd] = x[rs1] >> x[rs2];
                        case Op.OR -> x[rd] = x[rs1] | x[rs2];
                        case Op.AND -> x[rd] = x[rs1] & x[rs2];
                        case Op.MUL -> x[rd] = x[rs1] * x[rs2];
                        case Op.MULH -> x[rd] = mulh(x[rs1], x[rs2]);
                        case Op.MULHSU -> x[rd] = mulhsu(x[rs1], x[rs2]);
                        case Op.MULHU -> x[rd] = mulhu(x[rs1], x[rs2]);
                        case Op.DIV -> x[rd] = div(x[rs1], x[rs2]);
                        case Op.DIVU -> x[rd] = divu(x[rs1], x[rs2]);
                        case Op.REM -> x[rd] = rem(x[rs1], x[rs2]);
                        case Op.REMU -> x[rd] = remu(x[rs1], x[rs2]);
                        case Op.SH1ADD -> x[rd] = (x[rs1] << 1) + x[rs2];
                        case Op.SH2ADD -> x[rd] = (x[rs1] << 2) + x[rs2];
                        case Op.SH3ADD -> x[rd] = (x[rs1] << 3) + x[rs2];
                        case Op.ANDN -> x[rd] = x[rs1] & ~x[rs2];
                        case Op.ORN -> x[rd] = x[rs1] | ~x[rs2];
                        case Op.XNOR -> x[rd] = ~(x[rs1] ^ x[rs2]);
                        case Op.CLZ -> x[rd] = Integer.numberOfLeadingZeros(x[rs1]);
                        case Op.CTZ -> x[rd] = Integer.numberOfTrailingZeros(x[rs1]);
                        case Op.CPOP -> x[rd] = Integer.bitCount(x[rs1]);
                        case Op.MAX -> x[rd] = Math.max(x[rs1], x[rs2]);
                        case Op.MAXU -> x[rd] = BitManip.maxu(x[rs1], x[rs2]);
                        case Op.MIN -> x[rd] = Math.min(x[rs1], x[rs2]);
                        case Op.MINU -> x[rd] = BitManip.minu(x[rs1], x[rs2]);
                        case Op.SEXT_B -> x[rd] = (byte) x[rs1];
                        case Op.SEXT_H -> x[rd] = (short) x[rs1];
                        case Op.ZEXT_H -> x[rd] = x[rs1] & 0xFFFF;
                        case Op.ROL -> x[rd] = Integer.rotateLeft(x[rs1], x[rs2]);
                        case Op.ROR -> x[rd] = Integer.rotateRight(x[rs1], x[rs2]);
                        case Op.RORI -> x[rd] = Integer.rotateRight(x[rs1], imm);
                        case Op.ORC_B -> x[rd] = BitManip.orcB(x[rs1], 0);
                        case Op.REV8 -> x[rd] = Integer.reverseBytes(x[rs1]);
                        case Op.BCLR -> x[rd] = x[rs1] & ~(1 << x[rs2]);
                        case Op.BCLRI -> x[rd] = x[rs1] & ~(1 << imm);
                        case Op.BEXT -> x[rd] = (x[rs1] >>> x[rs2]) & 1;
                        case Op.BEXTI -> x[rd] = (x[rs1] >>> imm) & 1;
                        case Op.BINV -> x[rd] = x[rs1] ^ (1 << x[rs2]);
                        case Op.BINVI -> x[rd] = x[rs1] ^ (1 << imm);
                        case Op.BSET -> x[rd] = x[rs1] | (1 << x[rs2]);
                        case Op.BSETI -> x[rd] = x[rs1] | (1 << imm);
                        case Op.FENCE, Op.NOP -> {
                        }
                        case Op.BREAKPOINT -> {
                            if (checkedAt == pc) {
                                // this instruction did the granule check: undo it (and its mark, if it made one)
                                if (markedAt == pc) {
                                    entries[(pc >>> ActivityMarks.GRANULE_SHIFT) & 63] = maskBefore;
                                }
                                granuleTag = tagBefore;
                                entryPc = entryBefore;
                            }
                            this.pc = pc;
                            this.icount = ic;
                            if (imm != 0) {
                                // the guest's execute trigger: a breakpoint exception before the instruction
                                return syncTrap(Trap.BREAKPOINT, 0, false);
                            }
                            return R_BREAKPOINT;
                        }
                        case Op.ENTRY -> {
                            this.pc = pc;
                            this.icount = ic;
                            return R_ENTRY;
                        }
                        default -> {
                            // rare instructions: system, CSR, atomics
                            this.pc = pc;
                            this.icount = ic;
                            int r = executeSlow(x, w, imm, rd, rs1, rs2, npc);
                            if (r != R_CHUNK) {
                                return r;
                            }
                            // a CSR write or fence.i may have dropped decoded code: load the page again; mret and the
                            // like go elsewhere: a run begins there
                            granuleTag = this.pc == npc ? granuleTag | 2 : 1;
                            pc = this.pc;
                            ic = this.icount;
                            codeTag = 1;
                            end = Math.min(end, sig.chunkEnd);
                            continue;
                        }
                    }
                    pc = npc;
                    ic++;
                }
            } catch (MemFault f) {
                this.pc = pc;
                this.icount = ic;
                trapCause = f.cause;
                trapTval = f.tval;
                trapRetires = false;
                return R_SYNC_TRAP;
            } finally {
                // the run goes on in the next chunk: a chunk boundary is no entry
                marks.continuing = granuleTag == 1 ? 1 : granuleTag | 2;
                marks.runEntry = entryPc;
            }
            this.pc = pc;
            this.icount = ic;
            return R_CHUNK;
        } finally {
            System.arraycopy(x, 0, this.x, 0, 33);
        }
    }

    // M extension semantics, shared by the interpreter and translated code

    static int mulh(int a, int b) {
        return (int) (((long) a * b) >> 32);
    }

    static int mulhsu(int a, int b) {
        return (int) (((long) a * Integer.toUnsignedLong(b)) >> 32);
    }

    static int mulhu(int a, int b) {
        return (int) ((Integer.toUnsignedLong(a) * Integer.toUnsignedLong(b)) >>> 32);
    }

    static int divu(int a, int b) {
        return b == 0 ? -1 : Integer.divideUnsigned(a, b);
    }

    static int remu(int a, int b) {
        return b == 0 ? a : Integer.remainderUnsigned(a, b);
    }

    static int div(int a, int b) {
        if (b == 0) {
            return -1;
        }
        if (a == Integer.MIN_VALUE && b == -1) {
            return a;
        }
        return a / b;
    }

    static int rem(int a, int b) {
        if (b == 0) {
            return a;
        }
        if (a == Integer.MIN_VALUE && b == -1) {
            return 0;
        }
        return a % b;
    }

    /** Sets up a synchronous trap for the machine to enter (R_SYNC_TRAP). */
    private int syncTrap(int cause, int tval, boolean retires) {
        trapCause = cause;
        trapTval = tval;
        trapRetires = retires;
        return R_SYNC_TRAP;
    }

    /**
     * System, CSR and atomic instructions, with pc/icount already in the fields. Returns R_CHUNK after
     * retiring the instruction (fields updated), or another result for the machine to handle.
     */
    private int executeSlow(int[] x, int w, int imm, int rd, int rs1, int rs2, int npc) {
        int op = w & 0x7F;
        long ic = icount;
        switch (op) {
            case Op.ILLEGAL:
                return syncTrap(Trap.ILLEGAL_INSTRUCTION, imm, true);
            case Op.FP: {
                if (!floatEnabled()) {
                    // QEMU 7.2 finds FS Off while translating (REQUIRE_FPU): a decoder illegal, counted
                    return syncTrap(Trap.ILLEGAL_INSTRUCTION, fetchBits(pc), true);
                }
                int r = fpu.execute(imm, x, fpMemory);
                if (r == FloatUnit.ILLEGAL) {
                    // a reserved rounding mode (in the instruction or frm) is found while executing (QEMU's
                    // set_rounding_mode helper): not counted in minstret/mcycle
                    return syncTrap(Trap.ILLEGAL_INSTRUCTION, fetchBits(pc), false);
                }
                if (r == FloatUnit.WROTE_FLOAT) {
                    markFloatDirty();
                }
                break;
            }
            case Op.ECALL:
                return syncTrap(priv == PRIV_M ? Trap.ECALL_M : priv == PRIV_U ? Trap.ECALL_U : Trap.ECALL_S, 0, true);
            case Op.EBREAK:
                if (bus.semihosting != null && priv != PRIV_U && (w & Op.C) == 0 && semihostingSequence(pc)) {
                    x[10] = bus.semihosting.call(x[10], x[11], x[10], ic);
                    pc = npc;
                    icount = ic + 1;
                    signals.endChunk(); // an exit, new output or input: the run loop looks
                    return R_CHUNK;
                }
                return syncTrap(Trap.BREAKPOINT, 0, true);
            case Op.MRET: {
                if (priv != PRIV_M) {
                    // found illegal while executing (not while decoding): QEMU 7.2 does not count it
                    return syncTrap(Trap.ILLEGAL_INSTRUCTION, fetchBits(pc), false);
                }
                int mpp = (mstatus >>> 11) & 3;
                int s = mstatus;
                s = (s & MSTATUS_MPIE) != 0 ? s | MSTATUS_MIE : s & ~MSTATUS_MIE;
                s |= MSTATUS_MPIE;
                s &= ~MSTATUS_MPP; // least-privileged mode (U), as QEMU does
                if (mpp != PRIV_M) {
                    s &= ~MSTATUS_MPRV;
                }
                mstatus = s;
                setPrivilege(mpp == 2 ? PRIV_U : mpp);
                pc = mepc;
                icount = ic + 1;
                endChunkIfInterruptPending();
                return R_CHUNK;
            }
            case Op.SRET:
                return syncTrap(Trap.ILLEGAL_INSTRUCTION, fetchBits(pc), true);
            case Op.WFI:
                if (priv == PRIV_U && (mstatus & MSTATUS_TW) != 0) {
                    // without S mode, wfi is allowed in U mode unless TW is set (QEMU 7.2); found at execution,
                    // so not counted
                    return syncTrap(Trap.ILLEGAL_INSTRUCTION, fetchBits(pc), false);
                }
                pc = npc;
                icount = ic + 1;
                if ((mip() & mie) == 0) {
                    halted = true;
                    return R_WFI;
                }
                return R_CHUNK;
            case Op.FENCE_I:
                pc = npc;
                icount = ic + 1;
                invalidateAll();
                return R_CHUNK;
            case Op.CSRRW: case Op.CSRRS: case Op.CSRRC: case Op.CSRRWI: case Op.CSRRSI: case Op.CSRRCI:
                return csrOp(x, op, imm, rd, rs1, rs2, npc);
            case Op.LR: {
                int a = x[rs1];
                if ((a & 3) != 0) {
                    return syncTrap(Trap.LOAD_MISALIGNED, a, false);
                }
                int v = load32(a, pc, ic);
                x[rd] = v;
                resAddr = a;
                resVal = v;
                break;
            }
            case Op.SC: {
                int a = x[rs1];
                int result = 1;
                if (a == resAddr) {
                    if ((a & 3) != 0) {
                        return syncTrap(Trap.STORE_MISALIGNED, a, false);
                    }
                    // QEMU implements sc.w as a compare-and-swap against the value lr.w loaded
                    if (load32(a, pc, ic) == resVal) {
                        store32(a, x[rs2], pc, ic);
                        result = 0;
                    }
                }
                resAddr = -1;
                x[rd] = result;
                break;
            }
            default: {
                if (op < Op.AMOSWAP || op > Op.AMOMAXU) {
                    throw new IllegalStateException("unknown op " + op);
                }
                int a = x[rs1];
                if ((a & 3) != 0) {
                    // QEMU 7.2 reports a misaligned AMO as a load-address-misaligned exception
                    return syncTrap(Trap.LOAD_MISALIGNED, a, false);
                }
                // an AMO on unmapped memory faults as a load (cause 5), as on QEMU 7.2 (the spec says store/AMO, 7)
                int old = load32(a, pc, ic);
                int src = x[rs2];
                int nv = switch (op) {
                    case Op.AMOSWAP -> src;
                    case Op.AMOADD -> old + src;
                    case Op.AMOXOR -> old ^ src;
                    case Op.AMOAND -> old & src;
                    case Op.AMOOR -> old | src;
                    case Op.AMOMIN -> Math.min(old, src);
                    case Op.AMOMAX -> Math.max(old, src);
                    case Op.AMOMINU -> Integer.compareUnsigned(old, src) <= 0 ? old : src;
                    default -> Integer.compareUnsigned(old, src) >= 0 ? old : src;
                };
                store32(a, nv, pc, ic);
                x[rd] = old;
                break;
            }
        }
        pc = npc;
        icount = ic + 1;
        return R_CHUNK;
    }

    /** The ebreak at pc sits between slli x0,x0,0x1f and srai x0,x0,7 on its page (as QEMU checks it). */
    private boolean semihostingSequence(int at) {
        if (((at - 4) & ~0xFFF) != (at & ~0xFFF) || ((at + 4) & ~0xFFF) != (at & ~0xFFF)) {
            return false;
        }
        try {
            return fetchBits(at - 4) == Semihosting.PRE && fetchBits(at + 4) == Semihosting.POST;
        } catch (MemFault f) {
            return false;
        }
    }

    // ---------------------------------------------------------------- CSRs

    int mip() {
        return mipSw | (clint.msip ? MIP_MSIP : 0) | (clint.mtip ? MIP_MTIP : 0) | (bus.plic.meip() ? MIP_MEIP : 0);
    }

    private int csrOp(int[] x, int op, int csr, int rd, int rs1, int rdRaw, int npc) {
        boolean imm = op >= Op.CSRRWI;
        int src = imm ? rs1 : x[rs1];
        int kind = imm ? op - 3 : op;
        boolean writes = kind == Op.CSRRW || rs1 != 0;
        boolean reads = kind != Op.CSRRW || rdRaw != 0;
        if (!csrExists(csr) || ((csr >>> 8) & 3) > priv || (writes && (csr >>> 10) == 3)
                || (isFloatCsr(csr) && !floatEnabled()) || (priv == PRIV_U && hiddenCounter(csr))) {
            // found illegal while executing (the CSR helper, on QEMU; fflags/frm/fcsr with FS off too): not counted
            // in minstret/mcycle
            return syncTrap(Trap.ILLEGAL_INSTRUCTION, fetchBits(pc), false);
        }
        long ic = icount;
        int old = reads || kind != Op.CSRRW ? csrRead(csr, ic) : 0;
        if (writes) {
            int nv = switch (kind) {
                case Op.CSRRW -> src;
                case Op.CSRRS -> old | src;
                default -> old & ~src;
            };
            csrWrite(csr, nv, ic);
        }
        x[rd] = old;
        pc = npc;
        icount = ic + 1;
        return R_CHUNK;
    }

    /** A user-level counter (cycle, time, instret, hpmcounterN and their high halves) mcounteren hides from U mode. */
    private boolean hiddenCounter(int csr) {
        boolean user = (csr >= 0xC00 && csr <= 0xC1F) || (csr >= 0xC80 && csr <= 0xC9F);
        return user && (mcounteren & (1 << (csr & 0x1F))) == 0;
    }

    static boolean isCounter(int csr) {
        return (csr >= 0xB00 && csr <= 0xB1F) || (csr >= 0xB80 && csr <= 0xB9F)
                || (csr >= 0xC00 && csr <= 0xC1F) || (csr >= 0xC80 && csr <= 0xC9F);
    }

    /** fflags, frm, fcsr. */
    static boolean isFloatCsr(int csr) {
        return csr >= 0x001 && csr <= 0x003;
    }

    boolean csrExists(int csr) {
        if (isFloatCsr(csr)) {
            return isa.f();
        }
        if (isCounter(csr) || (csr >= 0x323 && csr <= 0x33F) || (csr >= 0x3A0 && csr <= 0x3A3)
                || (csr >= 0x3B0 && csr <= 0x3BF) || Triggers.isTriggerCsr(csr)) {
            return true;
        }
        return switch (csr) {
            case 0x300, 0x301, 0x302, 0x303, 0x304, 0x305, 0x306, 0x30A, 0x310, 0x31A, 0x320, 0x340, 0x341, 0x342,
                 0x343, 0x344, 0x180, 0xF11, 0xF12, 0xF13, 0xF14, 0xF15 -> true;
            default -> false;
        };
    }

    /** Virtual-clock value QEMU's counters show to the instruction at icount ic (it counts itself). */
    private long counterNow(long ic) {
        return clint.accessNs(ic);
    }

    /** mcycle (index 0) or minstret (index 2) as the instruction at icount ic reads it. */
    private long counter(int index, long delta, long written, long ic) {
        int bit = 1 << index;
        if ((mcountinhibit & bit) != 0 && (countersStarted & bit) == 0) {
            return written;
        }
        return counterNow(ic) + delta;
    }

    /** Value of a CSR as the instruction at icount {@code ic} reads it. */
    int csrRead(int csr, long ic) {
        switch (csr) {
            case 0x300: return mstatusRead();
            case 0x301: return isa.misa();
            case 0x001: return fpu.flags.bits;
            case 0x002: return fpu.frm;
            case 0x003: return fpu.fcsr();
            case 0x302: return medeleg;
            case 0x303: return mideleg;
            case 0x304: return mie;
            case 0x305: return mtvec;
            case 0x306: return mcounteren;
            case 0x30A: return menvcfg;
            case 0x320: return mcountinhibit;
            case 0x340: return mscratch;
            case 0x341: return mepc;
            case 0x342: return mcause;
            case 0x343: return mtval;
            case 0x344: return mip();
            case 0x180: return satp;
            case 0xF12: return MARCHID;
            case 0xF13: return MIMPID;
            case 0xB00: case 0xC00: return (int) counter(0, mcycleDelta, mcycleWritten, ic);
            case 0xB80: case 0xC80: return (int) (counter(0, mcycleDelta, mcycleWritten, ic) >>> 32);
            case 0xB02: case 0xC02: return (int) counter(2, minstretDelta, minstretWritten, ic);
            case 0xB82: case 0xC82: return (int) (counter(2, minstretDelta, minstretWritten, ic) >>> 32);
            case 0xC01: return (int) clint.mtime(counterNow(ic));
            case 0xC81: return (int) (clint.mtime(counterNow(ic)) >>> 32);
            default:
                if (csr >= 0x3A0 && csr <= 0x3A3) {
                    return pmpcfg[csr - 0x3A0];
                }
                if (csr >= 0x3B0 && csr <= 0x3BF) {
                    return pmpaddr[csr - 0x3B0];
                }
                if (Triggers.isTriggerCsr(csr)) {
                    return triggers.read(csr);
                }
                return 0; // mvendorid, mhartid, mconfigptr, mstatush, menvcfgh, unused hpm counters
        }
    }

    /**
     * After a change of mstatus, mie, mip or privilege: the run loop must take an interrupt that is now
     * pending and enabled before the next instruction. Device lines (mtip, msip, meip) cannot change within
     * a chunk without ending it, so when none is pending the chunk goes on (critical sections that toggle
     * mstatus.MIE stay cheap).
     */
    private void endChunkIfInterruptPending() {
        if (pendingInterrupt() != 0) {
            signals.endChunk();
        }
    }

    void csrWrite(int csr, int v, long ic) {
        switch (csr) {
            case 0x300 -> {
                int nv = (mstatus & ~mstatusWritable()) | (v & mstatusWritable());
                int mpp = (nv >>> 11) & 3;
                if (mpp == 1 || mpp == 2) {
                    // WARL: only implemented modes (M, U); an unsupported one leaves MPP as it was
                    nv = (nv & ~MSTATUS_MPP) | (mstatus & MSTATUS_MPP);
                }
                mstatus = nv;
                endChunkIfInterruptPending();
            }
            // writes of the float CSRs make FS Dirty (QEMU 7.2 does; SD follows)
            case 0x001 -> {
                fpu.flags.bits = v & 0x1F;
                mstatus |= MSTATUS_FS;
            }
            case 0x002 -> {
                fpu.frm = v & 7;
                mstatus |= MSTATUS_FS;
            }
            case 0x003 -> {
                fpu.frm = (v >>> 5) & 7;
                fpu.flags.bits = v & 0x1F;
                mstatus |= MSTATUS_FS;
            }
            case 0x302 -> medeleg = v & 0xB3FF;
            case 0x303 -> mideleg = v & 0x222;
            case 0x304 -> {
                mie = v & MIE_WRITABLE;
                endChunkIfInterruptPending();
            }
            case 0x305 -> {
                if ((v & 3) < 2) {
                    mtvec = v; // vectored and direct modes only; reserved modes leave mtvec alone (QEMU)
                }
            }
            case 0x306 -> mcounteren = v;
            case 0x30A -> menvcfg = v & 0x1;
            case 0x320 -> {
                mcountinhibit = v; // QEMU 7.2 keeps every bit
                countersStarted |= ~v;
            }
            case 0x340 -> mscratch = v;
            case 0x341 -> mepc = v & ~1;
            case 0x342 -> mcause = v;
            case 0x343 -> mtval = v;
            case 0x344 -> {
                mipSw = (mipSw & ~MIP_WRITABLE) | (v & MIP_WRITABLE);
                endChunkIfInterruptPending();
            }
            case 0x180 -> satp = v;
            case 0xB00 -> {
                mcycleDelta = setLow(counterNow(ic) + mcycleDelta, v) - counterNow(ic);
                mcycleWritten = setLow(mcycleWritten, v);
            }
            case 0xB80 -> {
                mcycleDelta = setHigh(counterNow(ic) + mcycleDelta, v) - counterNow(ic);
                mcycleWritten = setHigh(mcycleWritten, v);
            }
            case 0xB02 -> {
                minstretDelta = setLow(counterNow(ic) + minstretDelta, v) - counterNow(ic);
                minstretWritten = setLow(minstretWritten, v);
            }
            case 0xB82 -> {
                minstretDelta = setHigh(counterNow(ic) + minstretDelta, v) - counterNow(ic);
                minstretWritten = setHigh(minstretWritten, v);
            }
            default -> {
                if (csr >= 0x3A0 && csr <= 0x3A3) {
                    writePmpcfg(csr - 0x3A0, v);
                } else if (csr >= 0x3B0 && csr <= 0x3BF) {
                    writePmpaddr(csr - 0x3B0, v);
                } else if (Triggers.isTriggerCsr(csr)) {
                    writeTrigger(csr, v);
                }
            }
        }
    }

    private static final int PMP_LOCK = 0x80, PMP_A = 0x18, PMP_TOR = 0x08;

    private int pmpEntryCfg(int entry) {
        return (pmpcfg[entry >>> 2] >>> (8 * (entry & 3))) & 0xFF;
    }

    /**
     * pmpcfgN, one byte per entry: a locked entry (L) keeps its configuration until reset, as on QEMU 7.2, which keeps
     * the other bits as written. (Backstep does not check accesses against PMP: machine mode is never restricted and
     * user mode may access everything.)
     */
    private void writePmpcfg(int reg, int v) {
        int cur = pmpcfg[reg];
        for (int b = 0; b < 4; b++) {
            int shift = 8 * b;
            if ((((cur >>> shift) & PMP_LOCK) == 0)) {
                cur = (cur & ~(0xFF << shift)) | (v & (0xFF << shift));
            }
        }
        pmpcfg[reg] = cur;
    }

    /** pmpaddrN: fixed while its entry is locked, or while the next entry is a locked top-of-range one. */
    private void writePmpaddr(int entry, int v) {
        if ((pmpEntryCfg(entry) & PMP_LOCK) != 0) {
            return;
        }
        if (entry + 1 < pmpaddr.length) {
            int next = pmpEntryCfg(entry + 1);
            if ((next & PMP_LOCK) != 0 && (next & PMP_A) == PMP_TOR) {
                return;
            }
        }
        pmpaddr[entry] = v;
    }

    private void writeTrigger(int csr, int v) {
        triggers.forEachExecuteAddress(this::invalidateAt);
        if (triggers.write(csr, v)) {
            triggers.forEachExecuteAddress(this::invalidateAt);
        }
        signals.endChunk(); // the translator looks again whether a trigger is armed
    }

    /** Execute triggers match per privilege: their decode slots are marked again after a change. */
    private void setPrivilege(int p) {
        if (p != priv && triggers.hasExecuteTriggers()) {
            triggers.forEachExecuteAddress(this::invalidateAt);
        }
        priv = p;
        triggers.priv = p;
    }

    /** Whether a debug trigger is armed (translated code is then not entered: triggers are checked in the interpreter). */
    boolean triggersArmed() {
        return triggers.armed;
    }

    private static long setLow(long cur, int v) {
        return (cur & 0xFFFF_FFFF_0000_0000L) | Integer.toUnsignedLong(v);
    }

    private static long setHigh(long cur, int v) {
        return (cur & 0xFFFF_FFFFL) | ((long) v << 32);
    }

    // ---------------------------------------------------------------- traps and interrupts

    private static final int[] INTERRUPT_PRIORITY = {Trap.MEI, Trap.MSI, Trap.MTI, Trap.SEI, Trap.SSI, Trap.STI};

    /** The interrupt to take now (mcause value), or 0 for none. Priority MEI > MSI > MTI > SEI > SSI > STI. */
    int pendingInterrupt() {
        int p = mip() & mie & ~mideleg;
        if (p == 0 || (priv == PRIV_M && (mstatus & MSTATUS_MIE) == 0)) {
            return 0;
        }
        for (int c : INTERRUPT_PRIORITY) {
            if ((p & (1 << c)) != 0) {
                return Trap.INTERRUPT | c;
            }
        }
        return 0;
    }

    /** True when wfi would not wait (or a waiting hart wakes up). */
    boolean wakeCondition() {
        return (mip() & mie) != 0;
    }

    void enterTrap(int cause, int tval) {
        marks.beginRun();
        mepc = pc;
        mcause = cause;
        mtval = tval;
        int s = mstatus;
        s = (s & MSTATUS_MIE) != 0 ? s | MSTATUS_MPIE : s & ~MSTATUS_MPIE;
        s &= ~MSTATUS_MIE;
        s = (s & ~MSTATUS_MPP) | (priv << 11);
        mstatus = s;
        setPrivilege(PRIV_M);
        int base = mtvec & ~3;
        pc = (mtvec & 1) != 0 && cause < 0 ? base + 4 * (cause & 0x7FFF_FFFF) : base;
    }

    // ---------------------------------------------------------------- state

    void save(StateWriter w) {
        for (int i = 0; i < 32; i++) {
            w.put(x[i]);
        }
        w.put(pc);
        w.put(icount);
        w.put(priv);
        for (int v : new int[] {mstatus, mie, mipSw, mtvec, mepc, mcause, mtval, mscratch, medeleg, mideleg,
            mcounteren, mcountinhibit, satp, menvcfg, resAddr, resVal}) {
            w.put(v);
        }
        for (int v : pmpcfg) {
            w.put(v);
        }
        for (int v : pmpaddr) {
            w.put(v);
        }
        w.put(minstretDelta);
        w.put(mcycleDelta);
        w.put(halted);
        if (isa.f()) { // without F the state (and so digests of recordings made before F existed) stays as it was
            fpu.save(w);
        }
    }

    /**
     * State added after recording format 2 (QEMU's mcountinhibit bookkeeping, the debug triggers): saved after every
     * device, so that {@link Machine#digest()} can leave it out while it is as at reset and the digests of older
     * recordings still match.
     */
    void saveExtras(StateWriter w) {
        w.put(mcycleWritten);
        w.put(minstretWritten);
        w.put(countersStarted);
        triggers.save(w);
    }

    /** Whether what {@link #saveExtras} writes is as at reset. */
    boolean extrasAtReset() {
        return mcycleWritten == 0 && minstretWritten == 0 && countersStarted == 0 && triggers.atReset();
    }

    void load(StateReader r) {
        for (int i = 0; i < 32; i++) {
            x[i] = r.getInt();
        }
        pc = r.getInt();
        icount = r.get();
        priv = r.getInt();
        mstatus = r.getInt();
        mie = r.getInt();
        mipSw = r.getInt();
        mtvec = r.getInt();
        mepc = r.getInt();
        mcause = r.getInt();
        mtval = r.getInt();
        mscratch = r.getInt();
        medeleg = r.getInt();
        mideleg = r.getInt();
        mcounteren = r.getInt();
        mcountinhibit = r.getInt();
        satp = r.getInt();
        menvcfg = r.getInt();
        resAddr = r.getInt();
        resVal = r.getInt();
        for (int i = 0; i < pmpcfg.length; i++) {
            pmpcfg[i] = r.getInt();
        }
        for (int i = 0; i < pmpaddr.length; i++) {
            pmpaddr[i] = r.getInt();
        }
        minstretDelta = r.get();
        mcycleDelta = r.get();
        halted = r.getBool();
        if (isa.f()) {
            fpu.load(r);
        }
    }

    void loadExtras(StateReader r) {
        mcycleWritten = r.get();
        minstretWritten = r.get();
        countersStarted = r.getInt();
        // decode slots marked for the triggers before and after: both sets are decoded again
        triggers.forEachExecuteAddress(this::invalidateAt);
        triggers.load(r);
        triggers.priv = priv;
        triggers.forEachExecuteAddress(this::invalidateAt);
    }
}
