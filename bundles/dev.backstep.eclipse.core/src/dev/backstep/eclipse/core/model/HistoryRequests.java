package dev.backstep.eclipse.core.model;

import dev.backstep.dap.protocol.HistoryArguments;
import dev.backstep.dap.protocol.HistoryResponse;
import dev.backstep.dap.protocol.HitsArguments;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugException;
import org.eclipse.lsp4j.debug.Source;

/**
 * Whole-recording queries of a suspended Backstep target: the value history of an expression (backstep/history) and
 * the line history of a source line (backstep/hits), one page each. They block until the server answers (a long query
 * sends progress and can be cancelled); the program does not move.
 */
public final class HistoryRequests {
    /** Entries per page. */
    public static final int PAGE = 500;
    /** A whole-recording query may replay the recording once: give it time. */
    private static final long TIMEOUT_SECONDS = 3600;

    private HistoryRequests() {
    }

    /** Every write of {@code expression} (in {@code frameId}, null: the top frame), from {@code from} (null: 0). */
    public static HistoryResponse values(BackstepDebugTarget target, String expression, Integer frameId, Long from)
            throws DebugException {
        HistoryArguments a = new HistoryArguments();
        a.setExpression(expression);
        a.setFrameId(frameId);
        a.setFrom(from);
        a.setMaxEntries(PAGE);
        return call(target, () -> target.client().call(s -> s.history(a), TIMEOUT_SECONDS));
    }

    /** Every execution of {@code path}:{@code line}, with {@code expression} (null: none) at each. */
    public static HistoryResponse hits(BackstepDebugTarget target, String path, int line, String expression, Long from)
            throws DebugException {
        HitsArguments a = new HitsArguments();
        Source src = new Source();
        src.setPath(path);
        a.setSource(src);
        a.setLine(line);
        a.setExpression(expression == null || expression.isBlank() ? null : expression.strip());
        a.setFrom(from);
        a.setMaxEntries(PAGE);
        return call(target, () -> target.client().call(s -> s.hits(a), TIMEOUT_SECONDS));
    }

    private interface Call {
        HistoryResponse run() throws CoreException;
    }

    private static HistoryResponse call(BackstepDebugTarget target, Call c) throws DebugException {
        if (!target.isSuspended() || target.isTerminated()) {
            throw new DebugException(dev.backstep.eclipse.core.BackstepCore.error(
                    "the program must be suspended to ask its history", null));
        }
        try {
            return c.run();
        } catch (CoreException e) {
            throw new DebugException(e.getStatus());
        }
    }
}
