package dev.backstep.replay.log;

import dev.backstep.replay.format.EventKind;

/**
 * The input events of one execution in icount order, read by index: an in-memory {@link EventLog} (a record
 * session) or the events of a recording file decoded a chunk at a time as the replay reaches them, so a replay
 * holds a few chunks of events in memory whatever the file's size.
 */
public interface InputEvents {
    int size();

    long icount(int i);

    EventKind kind(int i);

    /** RTC nanoseconds or IDLE ticks; meaningless for UART_RX. */
    long value(int i);

    /** The bytes of a UART_RX event (a copy); empty for other kinds. */
    byte[] data(int i);

    /** The number of bytes of a UART_RX event, without copying them; 0 for other kinds. */
    int dataLength(int i);

    /** Index of the first event with icount >= the given one (size() if none). */
    int firstAtOrAfter(long icount);
}
