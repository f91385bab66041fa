package dev.backstep.dap;

import dev.backstep.dap.protocol.InfoArguments;
import dev.backstep.dap.protocol.InfoResponse;
import dev.backstep.dap.protocol.SaveRecordingArguments;
import dev.backstep.session.DebugSession;
import dev.backstep.session.SessionInfo;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** backstep/info and backstep/saveRecording (seek and reverseStepOut are execution requests). */
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
        r.setRecordedLength(i.recordedLength());
        r.setSnapshotCount(i.snapshotCount());
        r.setSnapshotBytes(i.snapshotBytes());
        return CompletableFuture.completedFuture(r);
    }

    CompletableFuture<Void> saveRecording(SaveRecordingArguments args) {
        if (args == null || args.getPath() == null || args.getPath().isBlank()) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "'path' is required: the file to write");
        }
        Path path;
        try {
            path = Path.of(args.getPath()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "'path' is not a valid path: " + args.getPath());
        }
        Path dir = path.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, "'path': the folder " + dir + " does not exist");
        }
        DebugSession s = ctx.stoppedSession("save the recording");
        SessionCall.run(() -> {
            s.saveRecording(path);
            return null;
        });
        ctx.output.console("Recording saved to " + path);
        return CompletableFuture.completedFuture(null);
    }
}
