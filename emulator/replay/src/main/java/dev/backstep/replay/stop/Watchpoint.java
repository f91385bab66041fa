package dev.backstep.replay.stop;

/**
 * Stops on accesses overlapping [address, address+length). Forward, the stop is after the accessing
 * instruction retired; backward, the stop is on the accessing instruction (state before it).
 * The optional condition is evaluated on the state after the access; an optional hit condition then accepts the
 * running count of such hits (counted in the order the timeline meets them, as for {@link PcBreakpoint}).
 */
public final class Watchpoint {
    private final int id;
    private final int address;
    private final int length;
    private final boolean read;
    private final boolean write;
    private final MachineCondition condition;
    private final java.util.function.LongPredicate hitCondition;
    private long hits;

    Watchpoint(int id, int address, int length, boolean read, boolean write, MachineCondition condition,
               java.util.function.LongPredicate hitCondition) {
        if (length <= 0) {
            throw new IllegalArgumentException("watchpoint length must be positive: " + length);
        }
        if (!read && !write) {
            throw new IllegalArgumentException("watchpoint must watch reads, writes or both");
        }
        this.id = id;
        this.address = address;
        this.length = length;
        this.read = read;
        this.write = write;
        this.condition = condition;
        this.hitCondition = hitCondition;
    }

    public java.util.function.LongPredicate hitCondition() {
        return hitCondition;
    }

    /** Counts one hit whose condition held; true when it must stop. */
    boolean countHit() {
        hits++;
        return hitCondition == null || hitCondition.test(hits);
    }

    public int id() {
        return id;
    }

    public int address() {
        return address;
    }

    public int length() {
        return length;
    }

    public boolean read() {
        return read;
    }

    public boolean write() {
        return write;
    }

    public MachineCondition condition() {
        return condition;
    }

    boolean covers(int addr, int size) {
        long lo = address & 0xFFFFFFFFL;
        long a = addr & 0xFFFFFFFFL;
        return a < lo + length && lo < a + Math.max(1, size);
    }
}
