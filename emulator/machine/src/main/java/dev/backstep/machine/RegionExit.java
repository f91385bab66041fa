package dev.backstep.machine;

/**
 * Thrown by a slow path of translated code ({@link RegionContext}) when the region must stop after (or, for a
 * fault, at) the instruction that took it: the region's one handler stores the registers back and returns. One
 * preallocated instance, without a stack trace: nothing is allocated on the way out.
 */
final class RegionExit extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final RegionExit INSTANCE = new RegionExit();

    private RegionExit() {
        super("translated region exit", null, false, false);
    }
}
