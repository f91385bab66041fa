package dev.backstep.dap.run;

import dev.backstep.session.SessionException;
import dev.backstep.session.Stop;

/** One execution request as the worker runs it. */
@FunctionalInterface
public interface ExecutionOperation {
    Stop run() throws SessionException;
}
