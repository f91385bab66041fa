package dev.backstep.session.internal;

import dev.backstep.debuginfo.DebugInfo;
import dev.backstep.machine.Machine;
import dev.backstep.session.ExceptionDetails;

/**
 * The stop the user looks at: how many inlined levels that begin at the pc are shown as their call site (not
 * entered yet, as gdb shows them: where a line step or a breakpoint on the call's line stopped; a step into enters
 * one without running), the trap of an exception stop, and the frames and variables, built on the first question.
 * Every execution request replaces it; frame ids and variables references end with it.
 */
final class CurrentStop {
    private final DebugInfo debug;
    private final Machine machine;
    private final int callSites;
    private final ExceptionDetails exception;
    private StateView view;

    CurrentStop(DebugInfo debug, Machine machine, int callSites, ExceptionDetails exception) {
        this.debug = debug;
        this.machine = machine;
        this.callSites = callSites;
        this.exception = exception;
    }

    int callSites() {
        return callSites;
    }

    /** The trap of an EXCEPTION stop, else null. */
    ExceptionDetails exception() {
        return exception;
    }

    StateView view() {
        if (view == null) {
            view = new StateView(debug, machine, callSites);
        }
        return view;
    }

    /** Frames hold the registers they were unwound with: after a register changed, unwind again. */
    void unwindAgain() {
        view = null;
    }
}
