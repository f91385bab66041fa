package dev.backstep.eclipse.core.dap;

import org.eclipse.lsp4j.debug.ContinuedEventArguments;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;

/** What the debug model needs to hear from the server; {@link DapClient} forwards the DAP events here. */
public interface DapEvents {

    void initialized();

    void stopped(StoppedEventArguments args);

    void continued(ContinuedEventArguments args);

    void output(OutputEventArguments args);

    void exited(ExitedEventArguments args);

    void terminated(TerminatedEventArguments args);

    /** The connection closed: the server exited or its stream broke. */
    void disconnected();
}
