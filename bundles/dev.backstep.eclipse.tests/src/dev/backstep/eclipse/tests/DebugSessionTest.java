package dev.backstep.eclipse.tests;

import org.junit.jupiter.api.AfterEach;

import dev.backstep.eclipse.core.model.BackstepDebugTarget;

/** A test that launches one debug session into {@link #target}: ended, checked and its breakpoints removed after. */
abstract class DebugSessionTest {

    protected BackstepDebugTarget target;

    @AfterEach
    void tidy() throws Exception {
        try {
            Sessions.terminate(target);
        } finally {
            Sessions.removeAllBreakpoints();
        }
    }
}
