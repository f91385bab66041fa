package dev.backstep.replay.format;

/** Kinds of entries in the event stream. Codes are part of the file format: never renumber. */
public enum EventKind {
    /** UART RX bytes pushed by ExternalInput.deliver; payload: uvarint length, bytes. */
    UART_RX(1),
    /** Goldfish RTC read; payload: i64 wall-clock nanoseconds. */
    RTC(2),
    /** wfi with nothing deterministic to wake it; payload: i64 mtime ticks skipped, -1 = no input will come. */
    IDLE(3),
    /** Machine.digest() of the state at this icount; payload: i64. */
    DIGEST(4),
    /**
     * A debugger's change to the machine state at this icount ({@link StateEdit}); payload: u8 target, u32 index,
     * uvarint length, bytes. Applied, not asked for: it is not an input of the machine.
     */
    STATE_EDIT(5),
    /**
     * The host's answer to a semihosting request ({@link SemihostEvent}); payload: uvarint length, then u8 request
     * kind, i64 value, i32 errno, the bytes returned.
     */
    SEMIHOST(6);

    public final int code;

    EventKind(int code) {
        this.code = code;
    }

    public static EventKind ofCode(int code) {
        for (EventKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        return null;
    }
}
