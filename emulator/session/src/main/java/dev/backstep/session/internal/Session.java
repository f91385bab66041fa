package dev.backstep.session.internal;

import dev.backstep.session.DebugSession;
import dev.backstep.session.LaunchException;
import dev.backstep.session.LaunchSpec;
import dev.backstep.session.SessionListener;

/** The implementation behind {@link DebugSession#open}. */
public final class Session {
    private Session() {
    }

    public static DebugSession open(LaunchSpec spec, SessionListener listener) throws LaunchException {
        throw new LaunchException(null, "not implemented yet");
    }
}
