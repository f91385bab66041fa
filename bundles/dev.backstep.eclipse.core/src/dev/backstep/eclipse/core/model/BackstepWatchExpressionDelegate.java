package dev.backstep.eclipse.core.model;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IDebugElement;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IWatchExpressionDelegate;
import org.eclipse.debug.core.model.IWatchExpressionListener;
import org.eclipse.debug.core.model.IWatchExpressionResult;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;

/** Expressions view: a C expression evaluated by the server in the selected frame, at the current icount. */
public final class BackstepWatchExpressionDelegate implements IWatchExpressionDelegate {

    @Override
    public void evaluateExpression(String expression, IDebugElement context, IWatchExpressionListener listener) {
        BackstepStackFrame frame = frameOf(context);
        if (frame == null) {
            listener.watchEvaluationFinished(result(expression, null, "select a frame of a suspended Backstep program"));
            return;
        }
        EvaluateArguments args = new EvaluateArguments();
        args.setExpression(expression);
        args.setFrameId(frame.frameId());
        args.setContext("watch");
        try {
            EvaluateResponse r = frame.target().client().call(s -> s.evaluate(args), 30);
            IValue value = new BackstepValue(frame.target(), r.getResult(), r.getType(), r.getVariablesReference(),
                    r.getMemoryReference(), frame, expression);
            listener.watchEvaluationFinished(result(expression, value, null));
        } catch (CoreException e) {
            listener.watchEvaluationFinished(result(expression, null, e.getMessage()));
        }
    }

    private static BackstepStackFrame frameOf(IDebugElement context) {
        if (context instanceof BackstepStackFrame f) {
            return f;
        }
        if (context instanceof BackstepThread t && t.isSuspended()) {
            try {
                return (BackstepStackFrame) t.getTopStackFrame();
            } catch (DebugException e) {
                return null;
            }
        }
        return null;
    }

    private static IWatchExpressionResult result(String expression, IValue value, String error) {
        return new IWatchExpressionResult() {
            @Override
            public IValue getValue() {
                return value;
            }

            @Override
            public boolean hasErrors() {
                return error != null;
            }

            @Override
            public String[] getErrorMessages() {
                return error == null ? new String[0] : new String[] { error };
            }

            @Override
            public String getExpressionText() {
                return expression;
            }

            @Override
            public DebugException getException() {
                return null;
            }
        };
    }
}
