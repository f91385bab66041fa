package dev.backstep.dap.protocol;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

/** The standard DAP requests plus Backstep's own (sent by the VS Code extension and the Eclipse client). */
public interface BackstepProtocolServer extends IDebugProtocolServer {

    /** Puts the program at an absolute icount; answers, then sends a stopped event. */
    @JsonRequest("backstep/seek")
    CompletableFuture<Void> seek(SeekArguments args);

    /** Where the session is on its timeline. */
    @JsonRequest("backstep/info")
    CompletableFuture<InfoResponse> info(InfoArguments args);

    /** Writes the recording made so far to a file. */
    @JsonRequest("backstep/saveRecording")
    CompletableFuture<Void> saveRecording(SaveRecordingArguments args);

    /** Runs backward to the call of the current function (the instruction that called it). */
    @JsonRequest("backstep/reverseStepOut")
    CompletableFuture<Void> reverseStepOut(ReverseStepOutArguments args);
}
