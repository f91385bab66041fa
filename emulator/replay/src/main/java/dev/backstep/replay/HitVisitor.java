package dev.backstep.replay;

import dev.backstep.replay.stop.Hit;

/**
 * What a {@link Timeline#visitHits} scan tells its caller. Called on the thread running the scan, with the machine at
 * the hit (for a write watchpoint: just after the writing instruction); the visitor may read the machine's state but
 * must not change it or run it.
 */
public interface HitVisitor {
    /** The scan begins: the machine is at the start of the range (or the end of history, when the range is past it). */
    default void start(long icount) {
    }

    /**
     * A stretch of history that may hold hits is about to be scanned: the machine is at {@code start}, nothing
     * armed. The stretches before it held no hit the index could not rule out.
     */
    default void stretch(long start, long end) {
    }

    /** A stop condition held; true to end the scan here (a page is full). */
    boolean onHit(Hit hit);
}
