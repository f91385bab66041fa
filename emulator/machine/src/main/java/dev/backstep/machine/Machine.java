package dev.backstep.machine;

/**
 * A QEMU-virt-like RV32IMAC board: one hart, RAM, reset ROM, test finisher, RTC, CLINT, PLIC, UART.
 * See docs/machine-api.md for the contract.
 */
public final class Machine {
    /** The run loop re-asks the input source at least this often. */
    static final int POLL_INTERVAL = 4096;
    /** Trap entries without any retired instruction before we call it a loop. */
    private static final int TRAP_LOOP_LIMIT = 16;

    private final MachineConfig config;
    /** Volatile: interrupt() reads it from another thread to wake an idle wait. */
    private volatile ExternalInput input;
    private volatile boolean interruptRequested;
    private final Signals signals = new Signals();
    private final Ram ram;
    private final Bus bus;
    private final Cpu cpu;
    private final Breakpoints breakpoints = new Breakpoints();
    private final Watchpoints watchpoints;
    private final Hart hart;
    private final MemoryView memory;
    private boolean stopOnTraps;
    private boolean stopOnInput;
    private StopInfo lastStop;
    /** Icount whose step has begun (input delivered, wfi left or slept through, trap entered), or -1. */
    private long stepBegunAt = -1;
    private ElfImage elf;
    private final long[] pageHashes;
    private final byte[][] hashedPages;

    public Machine(MachineConfig config, ExternalInput input, UartOutput out) {
        this.config = config;
        this.input = input;
        this.ram = new Ram(MachineConfig.RAM_BASE, config.ramSize());
        this.bus = new Bus(ram, signals, input, out);
        this.cpu = new Cpu(bus, breakpoints.backing());
        breakpoints.attach(cpu);
        this.watchpoints = new Watchpoints(ram);
        bus.watchpoints = watchpoints;
        this.hart = new Hart(this, cpu);
        this.memory = new MemoryView(bus, () -> cpu.icount);
        this.pageHashes = new long[ram.pageCount];
        this.hashedPages = new byte[ram.pageCount][];
        reset();
    }

    public MachineConfig config() {
        return config;
    }

    /** Replaces the input source (e.g. switching from replayed to live input). */
    public void setInput(ExternalInput input) {
        this.input = input;
        bus.rtc.setInput(input);
    }

    public ExternalInput input() {
        return input;
    }

    public void setOutput(UartOutput out) {
        bus.uart.setOutput(out);
    }

    Bus bus() {
        return bus;
    }

    /** Power-on state: RAM cleared, devices reset, pc at the reset ROM. */
    public void reset() {
        ram.clear();
        cpu.reset();
        bus.clint.reset();
        bus.plic.reset();
        bus.uart.reset();
        bus.rtc.reset();
        bus.exitKind = null;
        bus.watchHit = null;
        ResetRom.install(bus.rom, config.ramSize(), MachineConfig.RAM_BASE);
        lastStop = null;
    }

    /**
     * Resets, then copies the PT_LOAD segments (at their physical addresses, as QEMU does); pc = 0x1000.
     * A segment entirely outside RAM is an error; the part of a segment outside RAM (typically the ELF
     * header page below 0x8000_0000 when linked with -Ttext) is skipped, as QEMU skips it.
     */
    public void load(ElfImage elf) throws ElfFormatException {
        long ramStart = Integer.toUnsignedLong(MachineConfig.RAM_BASE);
        long ramEnd = ramStart + config.ramSize();
        long lowest = Long.MAX_VALUE;
        for (ElfSegment s : elf.segments()) {
            long start = Integer.toUnsignedLong(s.paddr());
            long end = start + Integer.toUnsignedLong(s.memSize());
            if (end <= ramStart || start >= ramEnd) {
                throw new ElfFormatException(String.format(
                        "segment at 0x%08x..0x%08x is outside RAM 0x%08x..0x%08x (RAM size %d KiB)", start, end,
                        ramStart, ramEnd, config.ramSize() >> 10));
            }
            lowest = Math.min(lowest, start);
        }
        reset();
        ResetRom.install(bus.rom, config.ramSize(), (int) lowest);
        this.elf = elf;
        for (ElfSegment s : elf.segments()) {
            byte[] d = s.data();
            int i = 0;
            while (i < d.length) {
                int addr = s.paddr() + i;
                int page = ram.index(addr);
                int n = Math.min(d.length - i, Ram.PAGE - (addr & 0xFFF));
                if (page >= 0) {
                    System.arraycopy(d, i, ram.pageForWrite(page), addr & 0xFFF, n);
                }
                i += n;
            }
            // bss needs nothing: fresh pages read as zeros
        }
    }

    public ElfImage elf() {
        return elf;
    }

    public long icount() {
        return cpu.icount;
    }

    public StopInfo lastStop() {
        return lastStop;
    }

    /**
     * Whether the state is the one on arrival at the current icount (docs/machine-api.md): nothing of the step from
     * it has happened yet — no input delivered, no time skipped or wake-up in wfi, no trap entered at this icount.
     * False, for instance, at a breakpoint on a handler's first instruction reached by a trap entry, or after a wfi
     * whose sleep ended at this icount.
     */
    public boolean stateIsOnArrival() {
        return stepBegunAt != cpu.icount;
    }

    public Hart hart() {
        return hart;
    }

    public MemoryView memory() {
        return memory;
    }

    public Breakpoints breakpoints() {
        return breakpoints;
    }

    public Watchpoints watchpoints() {
        return watchpoints;
    }

    public void setStopOnTraps(boolean on) {
        this.stopOnTraps = on;
    }

    /** Stop with INPUT at the icount at which the input source says an event is due. */
    public void setStopOnInput(boolean on) {
        this.stopOnInput = on;
    }

    // ---------------------------------------------------------------- running

    /**
     * Asks the run() in progress (on another thread), or else the next one, to return
     * {@link StopReason#INTERRUPTED} soon: within one chunk of instructions ({@value #POLL_INTERVAL} at
     * most), or at once when the hart waits in wfi for outside input. Thread-safe; the machine stops at an
     * instruction boundary, in a state that is consistent and resumable. One request, one stop.
     */
    public void interrupt() {
        interruptRequested = true;
        input.wake();
    }

    /** Runs until icount == stopAtIcount or an earlier stop. */
    public StopReason run(long stopAtIcount) {
        StopInfo prev = lastStop;
        lastStop = null;
        boolean first = true;
        boolean skipInputStop = prev != null && prev.reason() == StopReason.INPUT && prev.icount() == cpu.icount;
        long skipTrapIcount = prev != null && prev.reason() == StopReason.TRAP ? prev.icount() : -1;
        int skipTrapPc = prev != null ? prev.pc() : 0;
        boolean skipBreakpoint = prev != null && prev.reason() == StopReason.BREAKPOINT
                && prev.icount() == cpu.icount && prev.pc() == cpu.pc;
        int trapsHere = 0;
        long trapIcount = -1;
        signals.liveInput = input.isLive();
        while (true) {
            long ic = cpu.icount;
            if (ic >= stopAtIcount) {
                return stop(StopInfo.simple(StopReason.LIMIT, cpu.pc, ic, null));
            }
            if (interruptRequested) {
                interruptRequested = false;
                return stop(StopInfo.simple(StopReason.INTERRUPTED, cpu.pc, ic, "interrupted"));
            }
            // 1. outside input, at this boundary, before the interrupt check
            long ev = input.nextEventIcount(ic);
            if (ev <= ic) {
                if (stopOnInput && !skipInputStop) {
                    return stop(StopInfo.simple(StopReason.INPUT, cpu.pc, ic, "input event due"));
                }
                skipInputStop = false;
                input.deliver(ic, bus.uart);
                stepBegunAt = ic;
                ev = input.nextEventIcount(ic);
                if (ev <= ic) {
                    ev = ic + 1;
                }
            }
            // 2. timer
            bus.clint.update(ic);
            // 3. a hart in wfi
            if (cpu.halted) {
                stepBegunAt = ic;
                if (cpu.wakeCondition()) {
                    cpu.halted = false;
                } else {
                    long dl = bus.clint.deadlineNs;
                    if (dl != Long.MAX_VALUE && (cpu.mie & Cpu.MIP_MTIP) != 0) {
                        bus.clint.nsBias = Math.max(bus.clint.nsBias, dl - ic); // jump to the deadline
                        continue;
                    }
                    long ticks = input.idle(ic);
                    if (ticks == ExternalInput.IDLE_INTERRUPTED) {
                        continue; // stops above if interrupt() asked; a stale wake() just waits again
                    }
                    if (ticks < 0) {
                        return stop(StopInfo.simple(StopReason.IDLE, cpu.pc, ic,
                                "hart waits in wfi and no input will come"));
                    }
                    bus.clint.nsBias += ticks * Clint.NS_PER_TICK;
                    skipInputStop = true; // the input that ended the idle period is delivered right away
                    continue;
                }
            }
            // 4. interrupts
            int irq = cpu.pendingInterrupt();
            if (irq != 0) {
                if (stopOnTraps && !(skipTrapIcount == ic && skipTrapPc == cpu.pc)) {
                    return stop(trapStop(irq, 0));
                }
                skipTrapIcount = -1;
                if (ic == trapIcount && ++trapsHere >= TRAP_LOOP_LIMIT) {
                    return stop(trapLoop(irq, 0));
                }
                if (ic != trapIcount) {
                    trapsHere = 0;
                }
                trapIcount = ic;
                stepBegunAt = ic;
                cpu.enterTrap(irq, 0);
            }
            // 5. a chunk of instructions
            long end = Math.min(Math.min(stopAtIcount, ev), ic + POLL_INTERVAL);
            long dl = bus.clint.deadlineIcount();
            if (dl > ic && dl < end) {
                end = dl;
            }
            int r;
            if (first && skipBreakpoint && cpu.pc == prev.pc() && breakpoints.contains(cpu.pc)) {
                int pc = cpu.pc;
                cpu.suppressedBreakpoint = pc;
                cpu.invalidateAt(pc);
                r = cpu.runChunk(ic + 1);
                cpu.suppressedBreakpoint = 1;
                cpu.invalidateAt(pc);
            } else {
                r = cpu.runChunk(end);
            }
            first = false;
            switch (r) {
                case Cpu.R_BREAKPOINT -> {
                    return stop(StopInfo.simple(StopReason.BREAKPOINT, cpu.pc, cpu.icount, null)); // frequent in scans: no text
                }
                case Cpu.R_SYNC_TRAP -> {
                    bus.watchHit = null; // the instruction did not complete
                    if (stopOnTraps && !(skipTrapIcount == cpu.icount && skipTrapPc == cpu.pc)) {
                        return stop(trapStop(cpu.trapCause, cpu.trapTval));
                    }
                    skipTrapIcount = -1;
                    if (cpu.trapRetires) {
                        cpu.icount++; // QEMU counts ecall, ebreak and illegal instructions as executed
                    } else if (cpu.icount == trapIcount && ++trapsHere >= TRAP_LOOP_LIMIT) {
                        return stop(trapLoop(cpu.trapCause, cpu.trapTval));
                    }
                    if (cpu.icount != trapIcount) {
                        trapsHere = 0;
                    }
                    trapIcount = cpu.icount;
                    stepBegunAt = cpu.icount;
                    cpu.enterTrap(cpu.trapCause, cpu.trapTval);
                }
                default -> {
                }
            }
            if (bus.exitKind != null) {
                ExitKind k = bus.exitKind;
                int code = bus.exitCode;
                bus.exitKind = null;
                return stop(new StopInfo(StopReason.EXIT, cpu.pc, cpu.icount, 0, 0, null, 0, 0, 0, k, code,
                        switch (k) {
                            case PASS -> "test finisher: pass";
                            case FAIL -> "test finisher: fail, exit code " + code;
                            case RESET -> "test finisher: reset requested";
                        }));
            }
            if (bus.watchHit != null) {
                Watchpoints.Watch w = bus.watchHit;
                bus.watchHit = null;
                return stop(new StopInfo(StopReason.WATCHPOINT, cpu.pc, cpu.icount, bus.watchAddr, bus.watchSize,
                        bus.watchWrite ? WatchKind.WRITE : WatchKind.READ, bus.watchPc, 0, 0, null, 0,
                        "watchpoint " + w.id()));
            }
        }
    }

    private StopInfo trapStop(int cause, int tval) {
        return new StopInfo(StopReason.TRAP, cpu.pc, cpu.icount, 0, 0, null, 0, cause, tval, null, 0,
                Trap.describe(cause) + String.format(" (tval=0x%08x)", tval));
    }

    private StopInfo trapLoop(int cause, int tval) {
        return new StopInfo(StopReason.TRAP_LOOP, cpu.pc, cpu.icount, 0, 0, null, 0, cause, tval, null, 0,
                String.format("trap loop: %s at pc=0x%08x keeps re-entering the trap handler without retiring "
                        + "an instruction (mtvec=0x%08x; the handler itself faults?)", Trap.describe(cause),
                        cpu.pc, cpu.mtvec));
    }

    private StopReason stop(StopInfo info) {
        lastStop = info;
        return info.reason();
    }

    // ---------------------------------------------------------------- state

    private long[] saveState() {
        StateWriter w = new StateWriter();
        cpu.save(w);
        bus.clint.save(w);
        bus.plic.save(w);
        bus.uart.save(w);
        bus.rtc.save(w);
        return w.toArray();
    }

    private void loadState(long[] state) {
        StateReader r = new StateReader(state);
        cpu.load(r);
        bus.clint.load(r);
        bus.plic.load(r);
        bus.uart.load(r);
        bus.rtc.load(r);
    }

    /** Costs O(pages written since the previous snapshot or restore), not O(RAM). */
    public MachineSnapshot snapshot() {
        long[] state = saveState();
        long own = (long) ram.dirtyCount() * Ram.PAGE;
        return new MachineSnapshot(cpu.icount, state, ram.takeSnapshot(), ram.pageCount, own);
    }

    /**
     * Puts the machine back into the snapshot's state. Touches only the pages that differ from the live
     * ones; decoded instructions survive on pages whose contents are the same in both states.
     */
    public void restore(MachineSnapshot s) {
        stepBegunAt = -1;
        if (s.pageCount != ram.pageCount) {
            throw new IllegalArgumentException("snapshot is from a machine with a different RAM size ("
                    + s.pageCount * (long) Ram.PAGE + " bytes, this one has " + config.ramSize() + ")");
        }
        ram.restore(s.chunks);
        loadState(s.state);
        bus.exitKind = null;
        bus.watchHit = null;
        lastStop = null;
        signals.endChunk();
    }

    /** 64-bit digest of hart, CSRs, devices and RAM contents (an all-zero page equals an absent one). */
    public long digest() {
        long h = 0x6A09E667F3BCC909L;
        for (long v : saveState()) {
            h = mix(h ^ v);
        }
        for (int i = 0; i < ram.pageCount; i++) {
            byte[] p = ram.pages[i];
            if (p == null) {
                continue;
            }
            long ph;
            if (hashedPages[i] == p) {
                ph = pageHashes[i];
            } else {
                ph = Ram.isZero(p) ? 0 : pageHash(p);
                if ((ram.flags[i] & Ram.SHARED) != 0) {
                    // a page once shared with a snapshot is never written again: its hash stays valid
                    hashedPages[i] = p;
                    pageHashes[i] = ph;
                }
            }
            if (ph != 0) {
                h = mix(h ^ mix(ph + i));
            }
        }
        return h;
    }

    private static long pageHash(byte[] p) {
        long h = 0x9E3779B97F4A7C15L;
        for (int o = 0; o < Ram.PAGE; o += 8) {
            h = (h ^ (long) Ram.I64.get(p, o)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return h == 0 ? 1 : h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
