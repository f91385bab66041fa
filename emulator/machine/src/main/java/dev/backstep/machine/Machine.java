package dev.backstep.machine;

/**
 * A QEMU-virt-like RV32IMAC board: one hart, RAM, reset ROM, test finisher, RTC, CLINT, PLIC, UART.
 * See docs/machine-api.md for the contract.
 *
 * <p>Who owns what: {@link Cpu} the hart's registers, CSRs, decode cache and the interpreter ({@code runChunk}, the
 * hot loop); {@link Bus} the slow path of memory accesses, the devices, and what an instruction asks of the run loop
 * (a test finisher request, a watchpoint hit); {@link RunLoop} the loop between instruction boundaries (input,
 * timer, wfi, interrupts, chunk budgets, stops); {@link Ram} the pages shared with snapshots. This class puts them
 * together and holds the state a debugger sees between runs (last stop, hooks, snapshots, digest).
 */
public final class Machine {
    private final MachineConfig config;
    /** Volatile: interrupt() reads it from another thread to wake an idle wait. */
    private volatile ExternalInput input;
    private final Signals signals = new Signals();
    private final Ram ram;
    private final Bus bus;
    private final Cpu cpu;
    private final Breakpoints breakpoints = new Breakpoints();
    private final Watchpoints watchpoints;
    private final Hart hart;
    private final MemoryView memory;
    private final RunLoop loop;
    private final Translator translator;
    private MachineStop lastStop;
    private ElfImage elf;
    private final long[] pageHashes;
    private final byte[][] hashedPages;
    /** Longs of the state as recording format 2 knew it (see {@link #digest()}). */
    private int baseStateLength;

    public Machine(MachineConfig config, ExternalInput input, UartOutput out) {
        this.config = config;
        this.input = input;
        this.ram = new Ram(MachineConfig.RAM_BASE, config.ramSize());
        this.watchpoints = new Watchpoints(ram);
        this.bus = new Bus(ram, signals, watchpoints, input, out);
        if (config.semihosting()) {
            bus.semihosting = new Semihosting(bus, config.semihostingCmdline(), out, input);
        }
        this.cpu = new Cpu(bus, breakpoints.backing());
        if (config.isa() != null) {
            cpu.setIsa(config.isa());
        }
        breakpoints.attach(cpu);
        this.hart = new Hart(cpu, bus.clint);
        this.memory = new MemoryView(bus, cpu::icount);
        this.translator = config.translate() ? new Translator(cpu, bus, signals, breakpoints.backing()) : null;
        if (translator != null) {
            translator.cache().setLimit(config.translationCacheBytes());
            translator.setHotThreshold(config.translationThreshold());
        }
        this.loop = new RunLoop(cpu, bus, signals, breakpoints, translator);
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
        if (bus.semihosting != null) {
            bus.semihosting.setInput(input);
        }
    }

    public ExternalInput input() {
        return input;
    }

    public void setOutput(UartOutput out) {
        bus.uart.setOutput(out);
        if (bus.semihosting != null) {
            bus.semihosting.setOutput(out);
        }
    }

    Bus bus() {
        return bus;
    }

    /** The translator, or null when the machine only interprets. */
    Translator translator() {
        return translator;
    }

    /** What the translator holds and has done (all zero when it is off). */
    public TranslationStats translationStats() {
        if (translator == null) {
            return new TranslationStats(false, 0, 0, 0, 0, 0, 0);
        }
        TranslationCache c = translator.cache();
        return new TranslationStats(true, c.regionCount(), c.bytes(), c.installedCount(), c.droppedCount(),
                translator.failures(), translator.entered());
    }

    /** Power-on state: RAM cleared, devices reset, pc at the reset ROM. */
    public void reset() {
        ram.clear();
        cpu.reset();
        bus.clint.reset();
        bus.plic.reset();
        bus.uart.reset();
        bus.rtc.reset();
        if (bus.semihosting != null) {
            bus.semihosting.reset();
        }
        bus.dropRequests();
        loop.forgetStepBegun();
        ResetRom.install(bus.rom, config.ramSize(), MachineConfig.RAM_BASE);
        lastStop = null;
        ram.marks.discard();
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
        cpu.setIsa(config.isa() != null ? config.isa() : elf.defaultIsa());
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

    /** The instruction set the hart runs: the configured one, else (once a program is loaded) the program's. */
    public Isa isa() {
        return cpu.isa();
    }

    public ElfImage elf() {
        return elf;
    }

    public long icount() {
        return cpu.icount();
    }

    public MachineStop lastStop() {
        return lastStop;
    }

    /**
     * Whether the state is the one on arrival at the current icount (docs/machine-api.md): nothing of the step from
     * it has happened yet — no input delivered, no time skipped or wake-up in wfi, no trap entered at this icount.
     * False, for instance, at a breakpoint on a handler's first instruction reached by a trap entry, or after a wfi
     * whose sleep ended at this icount.
     */
    public boolean stateIsOnArrival() {
        return !loop.stepBegunAt(cpu.icount());
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

    /**
     * What the machine executed, wrote and trapped on since the last take (off until tracking is turned on). A reset
     * or a restore discards what was marked before it: a take describes one stretch of execution. Marks depend only on
     * the execution (and on where {@link ActivityMarks#breakRun()} is called), not on where runs stop: a snapshot
     * keeps what they need (whether the next instruction continues a run), so a restore goes on as the original did.
     */
    public ActivityMarks activity() {
        return ram.marks;
    }

    /** Stop with TRAP before entering any exception or interrupt trap. */
    public void setStopOnTraps(boolean on) {
        loop.setStopOnTraps(on);
    }

    /** Stop with INPUT at the icount at which the input source says an event is due. */
    public void setStopOnInput(boolean on) {
        loop.setStopOnInput(on);
    }

    // ---------------------------------------------------------------- running

    /**
     * Asks the run() in progress (on another thread), or else the next one, to return
     * {@link MachineStopReason#INTERRUPTED} soon: within one chunk of instructions ({@value RunLoop#POLL_INTERVAL} at
     * most, {@value RunLoop#TRANSLATED_POLL_INTERVAL} with the translator on), or at once when the hart waits in wfi
     * for outside input. Thread-safe; the machine stops at an
     * instruction boundary, in a state that is consistent and resumable. One request, one stop.
     */
    public void interrupt() {
        loop.requestInterrupt();
        input.wake();
    }

    /**
     * Runs until icount == stopAtIcount or an earlier stop. Resuming from its own stop, it does not stop there again:
     * after a BREAKPOINT at the same pc and icount the instruction runs first; after a TRAP the trap is entered;
     * after an INPUT the input is delivered.
     */
    public MachineStopReason run(long stopAtIcount) {
        MachineStop prev = lastStop;
        lastStop = null;
        return stopped(loop.run(stopAtIcount, input, StepOff.after(prev, cpu.icount(), cpu.pc())));
    }

    /**
     * Runs the step from the current icount the way a debugger continues from a stop here, whatever stopped it:
     * without stopping at this boundary again — not for a breakpoint at pc, nor for the input due, nor before a
     * trap entered in this step. The step delivers the input due, sleeps through a wfi, enters a pending trap and
     * retires one instruction (run(icount()+1)); it stops earlier like run() does, for instance at a breakpoint on
     * the first instruction of a trap handler it entered (the icount then has not moved), a watchpoint, an exit,
     * or an interrupt().
     */
    public MachineStopReason stepPastStop() {
        long ic = cpu.icount();
        lastStop = null;
        return stopped(loop.run(ic + 1, input, StepOff.boundary(ic, cpu.pc())));
    }

    private MachineStopReason stopped(MachineStop info) {
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
        baseStateLength = w.size();
        cpu.saveExtras(w);
        if (bus.semihosting != null) {
            bus.semihosting.save(w);
        }
        return w.toArray();
    }

    private void loadState(long[] state) {
        StateReader r = new StateReader(state);
        cpu.load(r);
        bus.clint.load(r);
        bus.plic.load(r);
        bus.uart.load(r);
        bus.rtc.load(r);
        cpu.loadExtras(r);
        if (bus.semihosting != null) {
            bus.semihosting.load(r);
        }
    }

    /** Costs O(pages written since the previous snapshot or restore), not O(RAM). */
    public MachineSnapshot snapshot() {
        long[] state = saveState();
        long own = (long) ram.dirtyCount() * Ram.PAGE;
        return new MachineSnapshot(cpu.icount(), state, ram.takeSnapshot(), ram.pageCount, own, ram.marks.continuing,
                ram.marks.runEntry);
    }

    /**
     * Puts the machine back into the snapshot's state. Touches only the pages that differ from the live
     * ones; decoded instructions survive on pages whose contents are the same in both states.
     */
    public void restore(MachineSnapshot s) {
        loop.forgetStepBegun();
        if (s.pageCount != ram.pageCount) {
            throw new IllegalArgumentException("snapshot is from a machine with a different RAM size ("
                    + s.pageCount * (long) Ram.PAGE + " bytes, this one has " + config.ramSize() + ")");
        }
        ram.restore(s.chunks);
        loadState(s.state);
        bus.dropRequests();
        lastStop = null;
        signals.endChunk();
        ram.marks.discard();
        ram.marks.continuing = s.continuing;
        ram.marks.runEntry = s.runEntry;
    }

    /** 64-bit digest of hart, CSRs, devices and RAM contents (an all-zero page equals an absent one). */
    public long digest() {
        long h = 0x6A09E667F3BCC909L;
        long[] state = saveState();
        // the state added since recording format 2 counts only once it differs from reset (semihosting machines
        // are newer than that): older recordings' digests still match
        int n = cpu.extrasAtReset() && bus.semihosting == null ? baseStateLength : state.length;
        for (int k = 0; k < n; k++) {
            h = mix(h ^ state[k]);
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
