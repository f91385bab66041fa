package dev.backstep.eclipse.core.dap;

import java.util.concurrent.CompletableFuture;

import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

/** The remote side as this client sees it: standard DAP plus Backstep's custom requests. */
public interface BackstepServer extends IDebugProtocolServer {

    @JsonRequest("backstep/seek")
    CompletableFuture<Void> seek(SeekArguments args);

    @JsonRequest("backstep/info")
    CompletableFuture<TimelineInfo> info(Object args);

    @JsonRequest("backstep/saveRecording")
    CompletableFuture<Void> saveRecording(SaveRecordingArguments args);

    /** Reverse step into: the previous line start anywhere. Not every server version has it. */
    @JsonRequest("backstep/reverseStepIn")
    CompletableFuture<Void> reverseStepIn(ThreadArguments args);

    /** Bytes for the guest's UART receiver, typed in the console {text}. Not every server version has it. */
    @JsonRequest("backstep/input")
    CompletableFuture<Void> input(java.util.Map<String, Object> args);

    @JsonRequest("backstep/reverseStepOut")
    CompletableFuture<Void> reverseStepOut(ThreadArguments args);

    /** To the next (or with reverse, the last) time a source line runs. Not every server version has it. */
    @JsonRequest("backstep/runToLine")
    CompletableFuture<Void> runToLine(RunToLineArguments args);
}
