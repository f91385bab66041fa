package dev.backstep.dap.transport;

import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.debug.DebugLauncher;
import org.eclipse.lsp4j.jsonrpc.json.ConcurrentMessageProcessor;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;

/**
 * lsp4j's DAP launcher with Backstep's hardening: the guarded reader instead of the plain one, the request
 * tracker on both directions, and error responses that say why.
 */
public final class DapLauncherBuilder extends DebugLauncher.Builder<IDebugProtocolClient> {
    private final RequestTracker tracker;
    private MessageJsonHandler jsonHandler;
    private RemoteEndpoint remoteEndpoint;

    public DapLauncherBuilder(Object server, RequestTracker tracker) {
        this.tracker = tracker;
        setLocalService(server);
        setRemoteInterface(IDebugProtocolClient.class);
        wrapMessages(tracker::wrap);
        configureGson(dev.backstep.dap.protocol.BackstepProtocol::configureGson);
        setExceptionHandler(t -> ErrorResponses.toResponseError(t, tracker.currentCommand()));
    }

    public static Launcher<IDebugProtocolClient> create(Object server, RequestTracker tracker,
                                                        java.io.InputStream in, java.io.OutputStream out,
                                                        java.util.concurrent.ExecutorService executor) {
        DapLauncherBuilder b = new DapLauncherBuilder(server, tracker);
        b.setInput(in);
        b.setOutput(out);
        b.setExecutorService(executor);
        return b.create();
    }

    @Override
    protected MessageJsonHandler createJsonHandler() {
        jsonHandler = super.createJsonHandler();
        return jsonHandler;
    }

    @Override
    protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler handler) {
        remoteEndpoint = super.createRemoteEndpoint(handler);
        return remoteEndpoint;
    }

    @Override
    protected ConcurrentMessageProcessor createMessageProcessor(MessageProducer reader, MessageConsumer consumer,
                                                                IDebugProtocolClient proxy) {
        MessageProducer guarded = new GuardedMessageProducer(input, jsonHandler, remoteEndpoint);
        return super.createMessageProcessor(guarded, consumer, proxy);
    }
}
