package dev.backstep.machine;

/**
 * {@link Machine#run}: drives the hart from one instruction boundary to the next until something stops it. Each
 * turn of the loop stands at a boundary, icount {@code ic}, and goes through four phases:
 * <ol>
 *   <li><b>Stops at any boundary</b>: the icount asked for (LIMIT), a pause ({@link #requestInterrupt}, INTERRUPTED).
 *   <li><b>The step from ic begins</b>, in the order docs/machine-api.md fixes: outside input due at ic (or an INPUT
 *       stop), the timer, a hart asleep in wfi (it wakes, sleeps to the timer deadline, or waits for outside input,
 *       and the turn starts over at the same ic), an interrupt to take (or a TRAP stop before it).
 *   <li><b>A chunk</b>: {@link #executeChunk} is the only place guest instructions execute. The chunk's budget is
 *       {@link #chunkEnd}: the icount asked for, the next input event, the timer deadline, {@link #POLL_INTERVAL}
 *       (or {@link #TRANSLATED_POLL_INTERVAL});
 *       every stop stays exact because no chunk runs past it. A slow path (device access, CSR write, code
 *       invalidation, watchpoint hit, test finisher) ends the chunk early, after its instruction retired.
 *   <li><b>Why the chunk ended</b>: a breakpoint (BREAKPOINT, before the instruction), a synchronous trap (TRAP stop,
 *       or the trap is entered), the test finisher (EXIT), a watchpoint (WATCHPOINT, after the access); otherwise
 *       the next turn.
 * </ol>
 * A run starts by passing what its {@link StepOff} says is already reported at its first boundary; that and
 * {@link Cpu#stepOffBreakpoint} are the one place where a breakpoint is stepped off.
 */
final class RunLoop {
    /** The loop re-asks the input source at least this often (instructions). */
    static final int POLL_INTERVAL = 4096;
    /**
     * The same with the translator on: each chunk boundary costs a region exit and re-entry, so translated code gets
     * longer chunks (at a thousand or so MIPS still a few dozen microseconds: pauses and typed input stay prompt).
     */
    static final int TRANSLATED_POLL_INTERVAL = 1 << 16;
    /** Trap entries at one icount, without any retired instruction, before we call it a loop. */
    private static final int TRAP_LOOP_LIMIT = 16;

    private final Cpu cpu;
    private final Bus bus;
    private final Clint clint;
    private final Signals signals;
    private final Breakpoints breakpoints;
    /** Runs chunks with translated code where there is some; null: the interpreter runs everything. */
    private final Translator translator;
    /** Volatile: set by interrupt() from another thread. */
    private volatile boolean interruptRequested;
    private boolean stopOnTraps;
    private boolean stopOnInput;
    /** Icount whose step has begun (input delivered, wfi left or slept through, trap entered), or -1. */
    private long stepBegunAt = -1;

    // ---- the run in progress
    private ExternalInput input;
    private StepOff stepOff;
    /** The INPUT stop at the first delivery is passed (the one reported, or input that ended a wfi sleep). */
    private boolean passInput;
    /** The trap reported by the previous stop is passed at its first entry. */
    private boolean passReportedTrap;
    /** Icount of the last trap entry and how many entries happened there (trap-loop detection). */
    private long trapEntryIcount;
    private int trapEntries;

    RunLoop(Cpu cpu, Bus bus, Signals signals, Breakpoints breakpoints, Translator translator) {
        this.translator = translator;
        this.cpu = cpu;
        this.bus = bus;
        this.clint = bus.clint;
        this.signals = signals;
        this.breakpoints = breakpoints;
    }

    void setStopOnTraps(boolean on) {
        stopOnTraps = on;
    }

    void setStopOnInput(boolean on) {
        stopOnInput = on;
    }

    /** Thread-safe: the run in progress, or else the next one, stops with INTERRUPTED at a boundary. */
    void requestInterrupt() {
        interruptRequested = true;
    }

    /** See {@link Machine#stateIsOnArrival()}. */
    boolean stepBegunAt(long icount) {
        return stepBegunAt == icount;
    }

    /** A restore or reset: the state is the one on arrival at its icount. */
    void forgetStepBegun() {
        stepBegunAt = -1;
    }

    /** Runs until icount reaches {@code stopAt} or an earlier stop, passing what {@code off} says at the start. */
    MachineStop run(long stopAt, ExternalInput in, StepOff off) {
        input = in;
        stepOff = off;
        passInput = off.input();
        passReportedTrap = off.traps() == StepOff.Traps.REPORTED;
        trapEntryIcount = -1;
        trapEntries = 0;
        signals.setLiveInput(in.isLive());
        boolean firstChunk = true;
        while (true) {
            long ic = cpu.icount();
            // 1. stops at any boundary
            if (ic >= stopAt) {
                return MachineStop.plain(MachineStopReason.LIMIT, cpu.pc(), ic, null);
            }
            if (interruptRequested) {
                interruptRequested = false;
                return MachineStop.plain(MachineStopReason.INTERRUPTED, cpu.pc(), ic, "interrupted");
            }
            // 2. the step from ic begins: outside input, timer, wfi, interrupt
            long nextEvent = input.nextEventIcount(ic, bus.uart);
            if (nextEvent <= ic) {
                if (stopOnInput && !passInput) {
                    return MachineStop.plain(MachineStopReason.INPUT, cpu.pc(), ic, "input event due");
                }
                passInput = false;
                input.deliver(ic, bus.uart);
                stepBegunAt = ic;
                nextEvent = input.nextEventIcount(ic, bus.uart);
                if (nextEvent <= ic) {
                    nextEvent = ic + 1;
                }
            }
            clint.update(ic);
            if (cpu.waitingForInterrupt()) {
                stepBegunAt = ic;
                if (!cpu.wakeIfInterruptPending()) {
                    MachineStop idle = sleep(ic);
                    if (idle != null) {
                        return idle;
                    }
                    continue; // time passed (or a stale wake): the turn starts over at the same boundary
                }
            }
            int irq = cpu.pendingInterrupt();
            if (irq != 0) {
                if (stopOnTraps && !passesTrap(ic)) {
                    return MachineStop.trap(cpu.pc(), ic, new PendingTrap(irq, 0));
                }
                MachineStop loop = enterTrap(irq, 0, ic, true);
                if (loop != null) {
                    return loop;
                }
            }
            // 3. a chunk of instructions
            int r = firstChunk && startsOnBreakpointToStepOff() ? cpu.stepOffBreakpoint()
                    : executeChunk(chunkEnd(ic, stopAt, nextEvent));
            firstChunk = false;
            // 4. why the chunk ended
            if (r == Cpu.R_BREAKPOINT) {
                return MachineStop.plain(MachineStopReason.BREAKPOINT, cpu.pc(), cpu.icount(), null);
            }
            if (r == Cpu.R_SYNC_TRAP) {
                MachineStop s = syncTrap();
                if (s != null) {
                    return s;
                }
            }
            ExitRequest exit = bus.takeExitRequest();
            if (exit != null) {
                return MachineStop.exit(cpu.pc(), cpu.icount(), exit);
            }
            WatchHit hit = bus.takeWatchHit();
            if (hit != null) {
                return MachineStop.watchpoint(cpu.pc(), cpu.icount(), hit);
            }
        }
    }

    /**
     * The hart sleeps in wfi at ic and no enabled interrupt is pending: time passes — to the timer deadline if one
     * can wake it, else as long as outside input says. Null to start the turn over, or the IDLE stop.
     */
    private MachineStop sleep(long ic) {
        if (clint.timerArmed() && cpu.timerInterruptEnabled()) {
            clint.sleepUntilDeadline(ic);
            return null;
        }
        long ticks = input.idle(ic, bus.uart);
        if (ticks == ExternalInput.IDLE_INTERRUPTED) {
            return null; // stops in phase 1 if interrupt() asked; a stale wake() just waits again
        }
        if (ticks < 0) {
            return MachineStop.plain(MachineStopReason.IDLE, cpu.pc(), ic, "hart waits in wfi and no input will come");
        }
        clint.sleptFor(ticks);
        passInput = true; // the input that ended the sleep is delivered right away
        return null;
    }

    /** Where the chunk from ic ends: the icount asked for, the next input event, the timer deadline, the poll interval. */
    private long chunkEnd(long ic, long stopAt, long nextEvent) {
        long end = Math.min(Math.min(stopAt, nextEvent), ic + (translator != null ? TRANSLATED_POLL_INTERVAL
                : POLL_INTERVAL));
        long deadline = clint.deadlineIcount();
        if (deadline > ic && deadline < end) {
            end = deadline;
        }
        return end;
    }

    /** Executes guest instructions until icount reaches {@code end} or a slow path ends the chunk; a Cpu.R_ result. */
    private int executeChunk(long end) {
        return translator != null ? translator.runChunk(end) : cpu.runChunk(end);
    }

    /** The run steps off a breakpoint at its first boundary: the instruction there runs once without stopping. */
    private boolean startsOnBreakpointToStepOff() {
        int pc = cpu.pc();
        return stepOff.breakpoint() && cpu.icount() == stepOff.icount() && pc == stepOff.pc()
                && breakpoints.contains(pc);
    }

    /** Whether a trap about to be entered at ic was already reported (or is part of a step past a stop). */
    private boolean passesTrap(long ic) {
        return switch (stepOff.traps()) {
            case NONE -> false;
            case REPORTED -> passReportedTrap && ic == stepOff.icount() && cpu.pc() == stepOff.pc();
            case ALL -> ic == stepOff.icount();
        };
    }

    /** The chunk ended on a synchronous trap: the TRAP stop before its entry, the TRAP_LOOP stop, or null (entered). */
    private MachineStop syncTrap() {
        bus.dropWatchHit(); // the instruction did not complete
        if (stopOnTraps && !passesTrap(cpu.icount())) {
            return MachineStop.trap(cpu.pc(), cpu.icount(), cpu.syncTrap());
        }
        boolean retired = cpu.retireTrappingInstruction();
        return enterTrap(cpu.syncTrapCause(), cpu.syncTrapTval(), cpu.icount(), !retired);
    }

    /**
     * Enters a trap at boundary ic, unless entries keep coming there without a retired instruction (mtvec points at
     * unmapped memory...): then the TRAP_LOOP stop, else null.
     *
     * @param mayLoop false when the trapping instruction retired (it cannot be a loop)
     */
    private MachineStop enterTrap(int cause, int tval, long ic, boolean mayLoop) {
        passReportedTrap = false;
        if (ic != trapEntryIcount) {
            trapEntryIcount = ic;
            trapEntries = 0;
        } else if (mayLoop && ++trapEntries >= TRAP_LOOP_LIMIT) {
            return MachineStop.trapLoop(cpu.pc(), ic, new PendingTrap(cause, tval), cpu.trapVector());
        }
        stepBegunAt = ic;
        bus.ram.marks.trapEntered(cause);
        cpu.enterTrap(cause, tval);
        return null;
    }
}
