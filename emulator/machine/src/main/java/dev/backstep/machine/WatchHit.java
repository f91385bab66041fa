package dev.backstep.machine;

/**
 * The access that hit a watchpoint: the first one an instruction made to a watched range.
 *
 * @param watchId id of the watch ({@link Watchpoints#add})
 * @param address first byte accessed
 * @param size    bytes accessed
 * @param pc      pc of the accessing instruction
 */
public record WatchHit(int watchId, int address, int size, WatchKind kind, int pc) {
    public WatchHit {
        java.util.Objects.requireNonNull(kind, "kind");
    }

    public boolean isWrite() {
        return kind == WatchKind.WRITE;
    }
}
