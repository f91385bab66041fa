package dev.backstep.dap;

import dev.backstep.dap.launch.LaunchArguments;
import dev.backstep.dap.protocol.InfoArguments;
import dev.backstep.dap.protocol.InfoResponse;
import dev.backstep.dap.protocol.InputArguments;
import dev.backstep.dap.protocol.SaveRecordingArguments;
import dev.backstep.session.DebugSession;
import dev.backstep.session.SessionInfo;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * backstep/info, backstep/saveRecording and backstep/input (seek, reverseStepIn and reverseStepOut are execution
 * requests).
 */
final class CustomHandler {
    private final DebugContext ctx;

    CustomHandler(DebugContext ctx) {
        this.ctx = ctx;
    }

    CompletableFuture<InfoResponse> info(InfoArguments args) {
        SessionInfo i = ctx.session().info();
        InfoResponse r = new InfoResponse();
        r.setMode(i.mode().name().toLowerCase(Locale.ROOT));
        r.setRecording(i.recording() == null ? null : i.recording().toString());
        r.setIcount(i.icount());
        r.setDirection(ctx.lastDirection);
        r.setRecordedLength(i.recordedLength());
        r.setSnapshotCount(i.snapshotCount());
        r.setSnapshotBytes(i.snapshotBytes());
        r.setSnapshots(sample(ctx.session().snapshotIcounts(), MAX_SNAPSHOT_POSITIONS));
        return CompletableFuture.completedFuture(r);
    }

    /** More marks than this do not help a timeline drawing and only make the response big. */
    static final int MAX_SNAPSHOT_POSITIONS = 400;

    /** At most {@code max} of the positions, evenly spread, the first and last included. */
    static long[] sample(List<Long> icounts, int max) {
        int n = icounts.size();
        if (n <= max) {
            return icounts.stream().mapToLong(Long::longValue).toArray();
        }
        long[] out = new long[max];
        for (int k = 0; k < max; k++) {
            out[k] = icounts.get((int) ((long) k * (n - 1) / (max - 1)));
        }
        return out;
    }

    /** Typed text for the guest's UART; also while the program runs (a guest waiting for it then goes on). */
    CompletableFuture<Void> input(InputArguments args) {
        if (args == null || args.getText() == null) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "'text' is required: the input to send");
        }
        // a continue answered a moment ago has begun for the session (announced), so input typed right after it
        // is queued for that run rather than checked against the position before it
        DebugSession s = ctx.session();
        SessionCall.run(() -> {
            s.sendInput(args.getText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return null;
        });
        return CompletableFuture.completedFuture(null);
    }

    CompletableFuture<Void> saveRecording(SaveRecordingArguments args) {
        if (args == null || args.getPath() == null || args.getPath().isBlank()) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "'path' is required: the file to write");
        }
        DebugSession s = ctx.stoppedSession("save the recording");
        Path path;
        try {
            // relative: against the launch's cwd, else its program's folder (never the server's working folder)
            path = LaunchArguments.base(ctx.launchArguments()).resolve(args.getPath()).normalize();
        } catch (InvalidPathException e) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT,
                    "'path' is not a valid path: " + DapLimits.preview(args.getPath()));
        }
        boolean overwrite = Boolean.TRUE.equals(args.getOverwrite());
        SessionCall.run(() -> {
            s.saveRecording(path, overwrite);
            return null;
        });
        ctx.output.console("Recording saved to " + path);
        return CompletableFuture.completedFuture(null);
    }
}
