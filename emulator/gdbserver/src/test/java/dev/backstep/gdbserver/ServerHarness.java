package dev.backstep.gdbserver;

import dev.backstep.machine.ExternalInput;
import dev.backstep.machine.MachineConfig;
import dev.backstep.replay.Timeline;
import dev.backstep.replay.TimelineOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An in-process server on 127.0.0.1, port 0, over a record (or replay) timeline, served on a thread. */
final class ServerHarness implements AutoCloseable {
    final Timeline timeline;
    final GdbServer server;
    final int port;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final ByteArrayOutputStream uart = new ByteArrayOutputStream();
    private final Thread thread;

    static ServerHarness record(Path elf) throws IOException {
        return new ServerHarness(Timeline.record(elf, null, ExternalInput.none(), MachineConfig.defaults(),
                TimelineOptions.defaults()));
    }

    static ServerHarness replay(Path recording, Path elf) throws IOException {
        return new ServerHarness(Timeline.replay(recording, elf, TimelineOptions.defaults()));
    }

    ServerHarness(Timeline timeline) throws IOException {
        this.timeline = timeline;
        this.server = new GdbServer(timeline, new PrintStream(uart, true), false, log::add);
        this.port = server.bind("127.0.0.1", 0);
        this.thread = new Thread(() -> {
            try {
                server.serve();
            } catch (IOException e) {
                log.add("serve failed: " + e);
            }
        }, "gdbserver-under-test");
        thread.setDaemon(true);
        thread.start();
    }

    RspTestClient client() throws IOException {
        return new RspTestClient(port);
    }

    /** Whether serve() has returned (after a kill). */
    boolean stopped(long waitMillis) throws InterruptedException {
        thread.join(waitMillis);
        return !thread.isAlive();
    }

    @Override
    public void close() throws Exception {
        server.close();
        thread.join(5000);
        timeline.close();
    }
}
