package dev.backstep.dap.transport;

import dev.backstep.dap.DapException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * Turns whatever a handler threw into a DAP error response: the text in "message", and a DAP Message in
 * body.error so that clients that look there (VS Code does) show the reason to the user.
 */
public final class ErrorResponses {
    private static final Logger LOG = Logger.getLogger(ErrorResponses.class.getName());

    private ErrorResponses() {
    }

    public static ResponseError toResponseError(Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof ResponseErrorException r) {
            return withBody(r.getResponseError());
        }
        if (cause instanceof DapException d) {
            return of(d.code(), d.getMessage());
        }
        LOG.log(Level.SEVERE, "Internal error in a request handler", cause);
        String what = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return of(ResponseErrorCode.InternalError.getValue(), "Internal error: " + what);
    }

    public static ResponseError of(int code, String message) {
        ResponseError e = new ResponseError(code, message, null);
        return withBody(e);
    }

    private static ResponseError withBody(ResponseError e) {
        if (e.getData() == null) {
            Map<String, Object> msg = new LinkedHashMap<>();
            msg.put("id", e.getCode());
            msg.put("format", e.getMessage().replace("{", "(").replace("}", ")"));
            msg.put("showUser", Boolean.TRUE);
            e.setData(Map.of("error", msg));
        }
        return e;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
