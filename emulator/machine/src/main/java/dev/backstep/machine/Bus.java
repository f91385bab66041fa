package dev.backstep.machine;

/**
 * The slow path of every memory access: page-crossing, watched, shared or code pages, the reset
 * ROM, memory-mapped devices, and access faults for everything unmapped.
 */
final class Bus {
    static final int ROM_BASE = 0x1000, ROM_SIZE = 0xF000;
    static final int TEST_BASE = 0x100000, RTC_BASE = 0x101000, CLINT_BASE = 0x2000000, PLIC_BASE = 0xC000000;
    static final int UART_BASE = 0x10000000;
    static final int PLIC_SIZE = 0x600000;

    final Ram ram;
    final byte[] rom = new byte[ROM_SIZE];
    final Clint clint;
    final Plic plic;
    final Uart16550 uart;
    final GoldfishRtc rtc;
    final Signals signals;
    final MemFault fault = new MemFault();
    private final Watchpoints watchpoints;
    /** The hart's debug triggers: load/store matches raise a breakpoint exception before the access. */
    final Triggers triggers;
    /** Semihosting calls (ebreak in the semihosting sequence), or null when the machine runs without. */
    Semihosting semihosting;

    /** Forgets decoded instructions overlapping a store (page index, page offset, size); set by the Cpu. */
    interface CodeInvalidator {
        void stored(int page, int offset, int size);
    }

    private CodeInvalidator codeInvalidator = (i, o, n) -> { };

    // What the running instruction asked of the run loop; each ends the chunk and is taken by the loop.
    private ExitRequest exitRequest;
    private WatchHit watchHit;

    Bus(Ram ram, Signals signals, Watchpoints watchpoints, ExternalInput input, UartOutput out) {
        this.ram = ram;
        this.signals = signals;
        this.watchpoints = watchpoints;
        this.triggers = new Triggers(ram);
        this.clint = new Clint(signals);
        this.plic = new Plic(signals);
        this.uart = new Uart16550(signals, plic, out);
        this.rtc = new GoldfishRtc(input);
    }

    void setCodeInvalidator(CodeInvalidator c) {
        codeInvalidator = c;
    }

    /** The test finisher request of the last chunk, or null; taken once. */
    ExitRequest takeExitRequest() {
        ExitRequest e = exitRequest;
        exitRequest = null;
        return e;
    }

    /** The watchpoint hit of the last chunk, or null; taken once. */
    WatchHit takeWatchHit() {
        WatchHit w = watchHit;
        watchHit = null;
        return w;
    }

    /** The instruction whose access hit a watchpoint did not complete (it trapped): the hit does not count. */
    void dropWatchHit() {
        watchHit = null;
    }

    /** Forgets requests the loop has not taken (reset, restore: they belong to a state that is gone). */
    /** A semihosting exit: ends the chunk like the test finisher. */
    void requestExit(ExitRequest e) {
        exitRequest = e;
        signals.endChunk();
    }

    void dropRequests() {
        exitRequest = null;
        watchHit = null;
    }

    private Mmio device(int addr) {
        if (addr >= UART_BASE && addr < UART_BASE + 0x100) {
            return uart;
        }
        if (addr >= CLINT_BASE && addr < CLINT_BASE + 0x10000) {
            return clint;
        }
        if (addr >= PLIC_BASE && addr < PLIC_BASE + PLIC_SIZE) {
            return plic;
        }
        if (addr >= RTC_BASE && addr < RTC_BASE + 0x1000) {
            return rtc;
        }
        return null;
    }

    private static int deviceBase(Mmio d) {
        return d instanceof Uart16550 ? UART_BASE : d instanceof Clint ? CLINT_BASE
                : d instanceof Plic ? PLIC_BASE : RTC_BASE;
    }

    /** Minimum access size a device accepts (QEMU rejects narrower ones with an access fault). */
    private static int minSize(Mmio d) {
        return d instanceof Uart16550 ? 1 : 4;
    }

    static boolean isRom(int addr) {
        return addr >= ROM_BASE && addr < ROM_BASE + ROM_SIZE;
    }

    /** Zero-extended load of 1, 2 or 4 bytes. */
    int load(int addr, int size, int pc, long icount) {
        if (triggers.dataArmed && triggers.dataMatch(addr, size, false)) {
            throw fault.set(Trap.BREAKPOINT, 0);
        }
        int i = ram.index(addr);
        if (i >= 0) {
            int po = addr & 0xFFF;
            if (po + size > Ram.PAGE) {
                return loadBytewise(addr, size, pc, icount);
            }
            if ((ram.flags[i] & Ram.WATCH_R) != 0) {
                checkWatch(addr, size, false, pc);
            }
            return get(ram.pageForRead(i), po, size);
        }
        if (isRom(addr)) {
            if (addr + size > ROM_BASE + ROM_SIZE) {
                return loadBytewise(addr, size, pc, icount);
            }
            return get(rom, addr - ROM_BASE, size);
        }
        Mmio d = device(addr);
        if (d != null && (addr & (size - 1)) == 0 && size >= minSize(d)) {
            return d.read(addr - deviceBase(d), size, icount);
        }
        throw fault.set(Trap.LOAD_ACCESS_FAULT, addr);
    }

    private int loadBytewise(int addr, int size, int pc, long icount) {
        int v = 0;
        for (int k = 0; k < size; k++) {
            int a = addr + k;
            if (ram.index(a) < 0 && !isRom(a)) {
                throw fault.set(Trap.LOAD_ACCESS_FAULT, addr);
            }
            v |= load(a, 1, pc, icount) << (8 * k);
        }
        return v;
    }

    void store(int addr, int size, int value, int pc, long icount) {
        if (triggers.dataArmed && triggers.dataMatch(addr, size, true)) {
            throw fault.set(Trap.BREAKPOINT, 0);
        }
        int i = ram.index(addr);
        if (i >= 0) {
            int po = addr & 0xFFF;
            if (po + size > Ram.PAGE) {
                for (int k = 0; k < size; k++) {
                    if (ram.index(addr + k) < 0) {
                        throw fault.set(Trap.STORE_ACCESS_FAULT, addr);
                    }
                }
                for (int k = 0; k < size; k++) {
                    store(addr + k, 1, value >>> (8 * k), pc, icount);
                }
                return;
            }
            int f = ram.flags[i];
            if ((f & Ram.CODE) != 0) {
                codeInvalidator.stored(i, po, size);
            }
            if ((f & Ram.WATCH_W) != 0) {
                checkWatch(addr, size, true, pc);
            }
            put(ram.pageForWrite(i), po, size, value);
            ram.marks.written(i, addr);
            return;
        }
        if (isRom(addr)) {
            return; // writes to the mask ROM are ignored, as on QEMU
        }
        if (addr >= TEST_BASE && addr < TEST_BASE + 0x1000 && size >= 2 && (addr & (size - 1)) == 0) {
            if (addr == TEST_BASE) {
                finisher(value);
            }
            return;
        }
        Mmio d = device(addr);
        if (d != null && (addr & (size - 1)) == 0 && size >= minSize(d)) {
            d.write(addr - deviceBase(d), size, value, icount);
            return;
        }
        throw fault.set(Trap.STORE_ACCESS_FAULT, addr);
    }

    private void finisher(int value) {
        switch (value & 0xFFFF) {
            case 0x5555 -> exitRequest = new ExitRequest(ExitKind.PASS, 0);
            case 0x3333 -> exitRequest = new ExitRequest(ExitKind.FAIL, value >>> 16);
            case 0x7777 -> exitRequest = new ExitRequest(ExitKind.RESET, 0);
            default -> {
                return;
            }
        }
        signals.endChunk();
    }

    private void checkWatch(int addr, int size, boolean write, int pc) {
        if (watchHit != null) {
            return; // the instruction's first hit is the one reported
        }
        Watchpoints.Watch w = watchpoints.match(addr, size, write);
        if (w != null) {
            watchHit = new WatchHit(w.id(), addr, size, write ? WatchKind.WRITE : WatchKind.READ, pc);
            signals.endChunk();
        }
    }

    static int get(byte[] p, int o, int size) {
        return switch (size) {
            case 1 -> p[o] & 0xFF;
            case 2 -> (short) Ram.I16.get(p, o) & 0xFFFF;
            default -> (int) Ram.I32.get(p, o);
        };
    }

    static void put(byte[] p, int o, int size, int v) {
        switch (size) {
            case 1 -> p[o] = (byte) v;
            case 2 -> Ram.I16.set(p, o, (short) v);
            default -> Ram.I32.set(p, o, v);
        }
    }

    // ---- debugger access: no device side effects, no faults

    boolean isMapped(int addr) {
        return ram.index(addr) >= 0 || isRom(addr) || device(addr) != null
                || (addr >= TEST_BASE && addr < TEST_BASE + 0x1000);
    }

    /** @param icount where the machine stands (devices whose registers follow time need it) */
    int peek(int addr, int size, long icount) {
        int i = ram.index(addr);
        if (i >= 0 && (addr & 0xFFF) + size <= Ram.PAGE) {
            return get(ram.pageForRead(i), addr & 0xFFF, size);
        }
        if (isRom(addr) && addr + size <= ROM_BASE + ROM_SIZE) {
            return get(rom, addr - ROM_BASE, size);
        }
        Mmio d = device(addr);
        if (d != null && (addr & (size - 1)) == 0) {
            int off = addr - deviceBase(d);
            if (d == uart || size == 4) {
                return d.peek(off, size, icount);
            }
            // the CLINT, PLIC and RTC have 32-bit registers: a debugger's narrower read takes its part of the word
            int word = d.peek(off & ~3, 4, icount);
            return (word >>> (8 * (off & 3))) & (size == 1 ? 0xFF : 0xFFFF);
        }
        int v = 0;
        if (size > 1) {
            for (int k = 0; k < size; k++) {
                v |= peek(addr + k, 1, icount) << (8 * k);
            }
        }
        return v;
    }

    void poke(int addr, int size, int value) {
        int i = ram.index(addr);
        if (i >= 0 && (addr & 0xFFF) + size <= Ram.PAGE) {
            if ((ram.flags[i] & Ram.CODE) != 0) {
                codeInvalidator.stored(i, addr & 0xFFF, size);
            }
            put(ram.pageForWrite(i), addr & 0xFFF, size, value);
            ram.marks.written(i, addr);
        } else if (size > 1) {
            for (int k = 0; k < size; k++) {
                poke(addr + k, 1, value >>> (8 * k));
            }
        }
    }
}
