package dev.backstep.machine;

/**
 * A translated region: guest blocks compiled into one JVM method by {@link RegionEmitter}, defined as a hidden class
 * that extends this one. Registers live in JVM locals inside it; it loads those it uses at its entry and stores those
 * it writes at every exit. So does the run state of {@link ActivityMarks} ({@code continuing}, {@code runEntry}): the
 * region marks code entries and RAM writes exactly as the interpreter would.
 */
abstract class Region {
    /**
     * The {@link ActivityMarks#entries} of each page in {@link RegionPlan#codePages()}, in that order: where the
     * region marks the runs of code it begins (set once, before the region first runs).
     */
    int[][] entryMarks;

    /**
     * Runs the region from its entry number {@code entry} (block starts, in the order of {@link RegionPlan#entries()})
     * with the hart at icount {@code icount}, until a block would cross {@code end}, control leaves the region, or a
     * slow path asks for the run loop's attention.
     *
     * @return a {@code Cpu.R_} result; the hart's pc and icount are where execution stopped
     */
    abstract int run(RegionContext c, int entry, long icount, long end);
}
