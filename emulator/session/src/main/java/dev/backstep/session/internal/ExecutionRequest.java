package dev.backstep.session.internal;

import dev.backstep.session.Direction;

/**
 * One execution request, from the moment it begins (announced by a front end, or called) to its stop: which way it
 * goes, what the user called it, whether it was paused, and how its stop shows inlined code. Made afresh for every
 * request, so nothing of one request leaks into the next. {@link RequestGate} creates, pauses and ends it.
 */
final class ExecutionRequest {
    /** Set once, by the gate; the steps read it before each timeline operation. */
    private volatile boolean paused;
    /** Guarded by the gate: a pause after this changes nothing. */
    private boolean ended;
    private Direction direction = Direction.FORWARD;
    private String title = "";
    /** Inlined levels shown as their call site at the stop this request started from. */
    private int startCallSites;
    /** Inlined levels the stop of this request shows as their call site (see {@link CurrentStop}). */
    private int callSites;

    /** Called by the gate: true the first time only, while the request has not ended (then it is interrupted). */
    boolean pause() {
        if (paused || ended) {
            return false;
        }
        paused = true;
        return true;
    }

    /** Called by the gate when the request returns. */
    void end() {
        ended = true;
    }

    boolean paused() {
        return paused;
    }

    /** Sets out: once the request knows its way (a seek's direction depends on where it starts). */
    void start(Direction dir, String what, int callSitesAtStart) {
        direction = dir;
        title = what;
        startCallSites = callSitesAtStart;
    }

    Direction direction() {
        return direction;
    }

    boolean forward() {
        return direction == Direction.FORWARD;
    }

    String title() {
        return title;
    }

    int startCallSites() {
        return startCallSites;
    }

    int callSites() {
        return callSites;
    }

    void showCallSites(int levels) {
        callSites = levels;
    }
}
