package dev.backstep.dap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who may launch on a connection. Over stdio the client is the process that started the server: anything goes.
 * Over TCP ({@code dap --port}) any local user, or the network with {@code --host}, can connect, and a launch
 * reads and writes files as the server's user; so the launch (or attach) must carry the server's token as the
 * attribute {@code token}, unless the user started the server with {@code --no-auth} on a loopback address.
 */
public final class ConnectionAccess {
    /** Failed tokens after which the connection is closed (a guesser gets no more tries on it). */
    static final int MAX_FAILED_TOKENS = 3;

    private final byte[] token;
    private final AtomicInteger failures = new AtomicInteger();

    private ConnectionAccess(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** No token needed (stdio, or TCP with --no-auth on loopback). */
    public static ConnectionAccess open() {
        return new ConnectionAccess(null);
    }

    /** A launch must carry this token. */
    public static ConnectionAccess token(String token) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("empty token");
        }
        return new ConnectionAccess(token);
    }

    /**
     * Refuses a launch without the right token.
     *
     * @param closeConnection ends the connection after the response, once too many tokens were wrong
     */
    void check(Map<String, Object> args, DebugContext ctx, Runnable closeConnection) {
        if (token == null) {
            return;
        }
        Object given = args == null ? null : args.get("token");
        byte[] g = given instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (MessageDigest.isEqual(token, g)) {
            return;
        }
        if (failures.incrementAndGet() >= MAX_FAILED_TOKENS) {
            ctx.tracker.afterResponse(closeConnection);
        }
        throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, (given == null
                ? "This server needs a token: give the one 'backstep dap --port' printed when it started (or the "
                + "contents of its --token-file) as the launch attribute 'token'"
                : "The launch attribute 'token' is not this server's token")
                + (failures.get() >= MAX_FAILED_TOKENS ? "; the connection is closed" : ""));
    }
}
