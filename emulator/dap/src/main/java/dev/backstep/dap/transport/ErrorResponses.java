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

    /**
     * Requests whose failure the client shows where the user asked (the Debug Console, a hover, the Watch view,
     * the extension's own message for a custom request): VS Code would otherwise add a notification for the same
     * failure, two messages for one mistake.
     */
    private static final java.util.Set<String> SHOWN_IN_PLACE = java.util.Set.of("evaluate", "completions",
            "source", "dataBreakpointInfo", "stackTrace", "scopes", "variables", "disassemble", "readMemory");

    /** Whether a failure of this request should make the client tell the user itself ({@code showUser}). */
    static boolean showUser(String command) {
        return command == null || !(SHOWN_IN_PLACE.contains(command) || command.startsWith("backstep/"));
    }

    /** @param command the request being answered, for the message of requests Backstep does not implement */
    public static ResponseError toResponseError(Throwable t, String command) {
        Throwable cause = unwrap(t);
        boolean show = showUser(command);
        if (cause instanceof UnsupportedOperationException) {
            return of(DapException.ErrorCodes.NOT_SUPPORTED, "Backstep does not support the request '"
                    + (command == null || command.isEmpty() ? "?" : dev.backstep.dap.DapLimits.preview(command)) + "'",
                    show);
        }
        if (cause instanceof ResponseErrorException r) {
            return withBody(r.getResponseError(), show);
        }
        if (cause instanceof DapException d) {
            return of(d.code(), d.getMessage(), show);
        }
        LOG.log(Level.SEVERE, "Internal error in a request handler", cause);
        String what = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return of(ResponseErrorCode.InternalError.getValue(), "Internal error: " + what, show);
    }

    public static ResponseError of(int code, String message) {
        return of(code, message, true);
    }

    static ResponseError of(int code, String message, boolean showUser) {
        ResponseError e = new ResponseError(code, bounded(message), null);
        return withBody(e, showUser);
    }

    /**
     * Gives every outgoing error response the DAP shape, including those lsp4j makes itself (unknown
     * command, unparseable message), whose data would otherwise land in the body as a stray field.
     */
    public static void normalize(org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage m) {
        ResponseError e = m.getError();
        if (e == null || e.getData() instanceof Map<?, ?> map && map.containsKey("error")) {
            return;
        }
        String message = e.getMessage() == null ? "Request failed" : e.getMessage();
        if (e.getData() != null) {
            String detail = String.valueOf(e.getData());
            int nl = detail.indexOf('\n');
            message = message + " " + (nl < 0 ? detail : detail.substring(0, nl));
        }
        e.setMessage(bounded(message));
        e.setData(null);
        withBody(e, true);
    }

    /** Longest error message sent: client text quoted in it (a megabyte header, a name) is not echoed whole. */
    static final int MAX_MESSAGE = 1000;

    private static String bounded(String message) {
        if (message == null || message.length() <= MAX_MESSAGE) {
            return message;
        }
        return message.substring(0, MAX_MESSAGE) + "... (" + message.length() + " characters)";
    }

    private static ResponseError withBody(ResponseError e, boolean showUser) {
        e.setMessage(bounded(e.getMessage()));
        if (e.getData() == null) {
            Map<String, Object> msg = new LinkedHashMap<>();
            msg.put("id", e.getCode());
            msg.put("format", e.getMessage().replace("{", "(").replace("}", ")"));
            msg.put("showUser", showUser);
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
