package dev.backstep.dap;

import dev.backstep.session.DebugSession;
import dev.backstep.session.LaunchException;
import dev.backstep.session.LaunchSpec;
import dev.backstep.session.SessionListener;

/** Opens debug sessions; the real one by default, a scripted one in protocol tests. */
@FunctionalInterface
public interface SessionFactory {
    SessionFactory DEFAULT = DebugSession::open;

    DebugSession open(LaunchSpec spec, SessionListener listener) throws LaunchException;
}
