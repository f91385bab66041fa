package dev.backstep.session;

/** A trap filter the user can enable (DAP exceptionBreakpointFilters). */
public record ExceptionFilter(String id, String label, String description, boolean defaultOn) {
    /** Every trap: exceptions and interrupts. */
    public static final String ALL_TRAPS = "all";
    /** Synchronous exceptions only (illegal instruction, misaligned or faulting access, ecall, ebreak). */
    public static final String EXCEPTIONS = "exceptions";
    /** Interrupts only (timer, software, external). */
    public static final String INTERRUPTS = "interrupts";
}
