package dev.backstep.cli;

import dev.backstep.dap.DapConnection;
import dev.backstep.dap.DapTcpServer;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/**
 * {@code backstep dap}: the Debug Adapter Protocol server, on stdio (what IDEs start) or on a TCP port
 * (a session per connection; the server stays up across sessions).
 */
@Command(name = "dap", mixinStandardHelpOptions = true,
        description = {"Serve the Debug Adapter Protocol for VS Code, Eclipse or any DAP client.",
                "Without --port: one session on stdin/stdout (logs on stderr).",
                "With --port: a session per TCP connection on 127.0.0.1 (or --host); --port 0 picks a free port "
                        + "and prints it as 'backstep dap listening on HOST:PORT'."})
final class DapCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "listen on this TCP port instead of using stdio (0: any free port)")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "address to listen on with --port (default: 127.0.0.1; other addresses expose the debugger to the network)")
    String host;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "with --port: the token clients must give (launch attribute 'token') is read from FILE; "
                    + "a FILE that does not exist is created with a fresh token, readable by you only "
                    + "(default: a fresh token, printed at start)")
    java.nio.file.Path tokenFile;

    @Option(names = "--no-auth",
            description = "with --port on a loopback address only: clients need no token (any local user can then "
                    + "launch programs and read and write files as you)")
    boolean noAuth;

    @Option(names = "--max-sessions", paramLabel = "N", defaultValue = "8",
            description = "with --port: sessions served at once; one more client is told so and closed "
                    + "(default: ${DEFAULT-VALUE})")
    int maxSessions;

    @Option(names = "--log", paramLabel = "LEVEL", defaultValue = "WARNING",
            description = "server log level on stderr: SEVERE, WARNING, INFO, FINE (default: ${DEFAULT-VALUE})")
    String logLevel;

    @Override
    public Integer call() throws Exception {
        configureLogging();
        if (host != null && port == null) {
            throw new ParameterException(spec.commandLine(), "--host needs --port");
        }
        if (port == null && (tokenFile != null || noAuth || spec.commandLine().getParseResult()
                .hasMatchedOption("--max-sessions"))) {
            throw new ParameterException(spec.commandLine(),
                    "--token-file, --no-auth and --max-sessions are for --port (stdio serves one client)");
        }
        if (noAuth && tokenFile != null) {
            throw new ParameterException(spec.commandLine(), "--no-auth and --token-file cannot both be given");
        }
        if (port == null) {
            return serveStdio();
        }
        return serveTcp();
    }

    private int serveStdio() throws InterruptedException {
        // stdout carries the protocol: anything else printed there (a stray println in a library) would
        // corrupt it, so System.out goes to stderr and the protocol gets the raw descriptor
        PrintStream protocolOut = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        System.setOut(System.err);
        DapConnection c = DapConnection.start(new FileInputStream(FileDescriptor.in), protocolOut);
        c.awaitEnd();
        c.close();
        return 0;
    }

    private int serveTcp() throws Exception {
        String token = noAuth ? null : tokenFile != null ? TokenFile.read(tokenFile) : DapTcpServer.Options.newToken();
        DapTcpServer server;
        try {
            server = DapTcpServer.start(host, port, dev.backstep.dap.SessionFactory.DEFAULT,
                    new DapTcpServer.Options(token, maxSessions));
        } catch (java.net.BindException e) {
            throw new CliErrors.UserError("cannot listen on " + (host == null ? "127.0.0.1" : host) + ":" + port
                    + ": " + e.getMessage());
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            throw new CliErrors.UserError(e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "backstep-dap-shutdown"));
        System.out.println("backstep dap listening on " + server.address().getHostAddress() + ":" + server.port());
        if (noAuth) {
            System.out.println("backstep dap: no token needed (--no-auth)");
        } else if (tokenFile != null) {
            System.out.println("backstep dap token: in " + tokenFile.toAbsolutePath()
                    + " (clients give it as the launch attribute \"token\")");
        } else {
            System.out.println("backstep dap token: " + token + " (clients give it as the launch attribute \"token\")");
        }
        System.out.flush();
        server.awaitClose();
        return 0;
    }

    private void configureLogging() {
        Level level;
        try {
            level = Level.parse(logLevel.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--log: unknown level '" + logLevel
                    + "' (SEVERE, WARNING, INFO, FINE)");
        }
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        for (var h : root.getHandlers()) {
            h.setLevel(level);
        }
    }
}
