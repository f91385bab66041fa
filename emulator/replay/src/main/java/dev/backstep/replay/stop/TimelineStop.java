package dev.backstep.replay.stop;

import dev.backstep.machine.PendingTrap;

import java.util.Objects;

/**
 * Where and why a timeline operation stopped, and the detail of its kind: the breakpoint of a BREAKPOINT or
 * ICOUNT_BREAKPOINT stop, the watched access of a WATCHPOINT, the trap of a TRAP, the exit code of an EXIT. Build it
 * with the factory of its kind; the constructor refuses a detail that does not fit the kind.
 *
 * @param icount   the position after the operation (the timeline is there)
 * @param pc       pc of the machine at that position
 * @param backward whether the operation ran backward in time
 * @param message  a line for people, or null
 * @param detail   null for the kinds without one
 */
public record TimelineStop(TimelineStopKind kind, long icount, int pc, boolean backward, String message, Detail detail) {

    /** What a stop of some kinds carries besides its position. */
    public sealed interface Detail permits BreakpointHit, WatchAccess, TrapAhead, ExitCode {
    }

    /** @param id the PC breakpoint's id (from the StopSet), or the icount breakpoint's id */
    public record BreakpointHit(int id) implements Detail {
    }

    /**
     * @param watchpointId the watchpoint's id (from the StopSet)
     * @param address      first byte accessed
     * @param size         bytes accessed
     * @param pc           pc of the instruction that made the access
     */
    public record WatchAccess(int watchpointId, int address, int size, boolean write, int pc) implements Detail {
    }

    /** The trap about to be taken (the state is before its entry). */
    public record TrapAhead(PendingTrap trap) implements Detail {
        public TrapAhead {
            Objects.requireNonNull(trap, "trap");
        }
    }

    /** @param code what the guest gave the test finisher (0 for a pass) */
    public record ExitCode(int code) implements Detail {
    }

    public TimelineStop {
        Objects.requireNonNull(kind, "kind");
        Class<? extends Detail> wanted = switch (kind) {
            case BREAKPOINT, ICOUNT_BREAKPOINT -> BreakpointHit.class;
            case WATCHPOINT -> WatchAccess.class;
            case TRAP -> TrapAhead.class;
            case EXIT -> ExitCode.class;
            default -> null;
        };
        if (wanted == null ? detail != null : !wanted.isInstance(detail)) {
            throw new IllegalArgumentException("a " + kind + " stop " + (wanted == null ? "has no detail"
                    : "needs a " + wanted.getSimpleName()) + ", not " + detail);
        }
    }

    // ---------------------------------------------------------------- one factory per kind with a detail

    /** A kind without a detail: REACHED, PREDICATE, LIMIT, START_OF_RECORDING, END_OF_RECORDING, IDLE, CANCELLED... */
    public static TimelineStop simple(TimelineStopKind kind, long icount, int pc, boolean backward, String message) {
        return new TimelineStop(kind, icount, pc, backward, message, null);
    }

    public static TimelineStop breakpoint(long icount, int pc, boolean backward, int breakpointId) {
        return new TimelineStop(TimelineStopKind.BREAKPOINT, icount, pc, backward, null, new BreakpointHit(breakpointId));
    }

    public static TimelineStop icountBreakpoint(long icount, int pc, boolean backward, int breakpointId) {
        return new TimelineStop(TimelineStopKind.ICOUNT_BREAKPOINT, icount, pc, backward, null, new BreakpointHit(breakpointId));
    }

    /** A watchpoint hit, met going forward (after the access). */
    public static TimelineStop watchpoint(long icount, int pc, WatchAccess access) {
        return new TimelineStop(TimelineStopKind.WATCHPOINT, icount, pc, false, null, access);
    }

    /** A trap about to be taken, met going forward. */
    public static TimelineStop trap(long icount, int pc, PendingTrap trap, String message) {
        return new TimelineStop(TimelineStopKind.TRAP, icount, pc, false, message, new TrapAhead(trap));
    }

    public static TimelineStop exit(long icount, int pc, int exitCode, String message) {
        return new TimelineStop(TimelineStopKind.EXIT, icount, pc, false, message, new ExitCode(exitCode));
    }

    // ---------------------------------------------------------------- the same stop, moved or reworded

    public TimelineStop at(long newIcount, int newPc, boolean newBackward) {
        return new TimelineStop(kind, newIcount, newPc, newBackward, message, detail);
    }

    public TimelineStop withMessage(String m) {
        return new TimelineStop(kind, icount, pc, backward, m, detail);
    }

    // ---------------------------------------------------------------- details, 0 / false for the kinds without them

    /** PC breakpoint or watchpoint id (from the StopSet), or icount breakpoint id; 0 for other kinds. */
    public int breakpointId() {
        if (detail instanceof BreakpointHit b) {
            return b.id();
        }
        return detail instanceof WatchAccess w ? w.watchpointId() : 0;
    }

    /** The watched access of a WATCHPOINT stop, else null. */
    public WatchAccess watch() {
        return detail instanceof WatchAccess w ? w : null;
    }

    /** The trap of a TRAP stop, else null. */
    public PendingTrap trap() {
        return detail instanceof TrapAhead t ? t.trap() : null;
    }

    public int watchAddress() {
        return detail instanceof WatchAccess w ? w.address() : 0;
    }

    public int watchSize() {
        return detail instanceof WatchAccess w ? w.size() : 0;
    }

    public boolean watchWrite() {
        return detail instanceof WatchAccess w && w.write();
    }

    /** pc of the instruction that made the watched access. */
    public int watchPc() {
        return detail instanceof WatchAccess w ? w.pc() : 0;
    }

    /** mcause of the trap about to be taken. */
    public int trapCause() {
        return detail instanceof TrapAhead t ? t.trap().cause() : 0;
    }

    public int trapTval() {
        return detail instanceof TrapAhead t ? t.trap().tval() : 0;
    }

    public int exitCode() {
        return detail instanceof ExitCode e ? e.code() : 0;
    }

    /** One line for logs and the console debugger. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(kind.name().toLowerCase().replace('_', ' '));
        switch (kind) {
            case BREAKPOINT, ICOUNT_BREAKPOINT -> sb.append(" #").append(breakpointId());
            case WATCHPOINT -> sb.append(" #").append(breakpointId()).append(watchWrite() ? " write" : " read")
                    .append(String.format(" of 0x%08x (%d bytes) by pc 0x%08x", watchAddress(), watchSize(), watchPc()));
            case TRAP -> sb.append(String.format(" cause 0x%08x tval 0x%08x", trapCause(), trapTval()));
            case EXIT -> sb.append(" code ").append(exitCode());
            default -> {
            }
        }
        sb.append(String.format(" at icount %d, pc 0x%08x", icount, pc));
        if (backward) {
            sb.append(" (reverse)");
        }
        if (message != null && !message.isEmpty()) {
            sb.append(": ").append(message);
        }
        return sb.toString();
    }
}
