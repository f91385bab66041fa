package dev.backstep.machine;

/**
 * A trap about to be entered: the mcause and mtval its entry writes.
 *
 * @param cause mcause ({@link Trap} constants; bit 31 set for an interrupt)
 */
public record PendingTrap(int cause, int tval) {
    /** True when the trap is an interrupt (mcause bit 31). */
    public boolean isInterrupt() {
        return cause < 0;
    }

    /** "illegal instruction (tval=0x00000000)". */
    public String describe() {
        return Trap.describe(cause) + String.format(" (tval=0x%08x)", tval);
    }
}
