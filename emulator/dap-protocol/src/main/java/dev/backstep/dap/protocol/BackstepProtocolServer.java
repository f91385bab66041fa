package dev.backstep.dap.protocol;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

/**
 * The standard DAP requests plus Backstep's own: what the server answers, and what the Eclipse client and the VS
 * Code extension (through the generated TypeScript) send.
 */
public interface BackstepProtocolServer extends IDebugProtocolServer {

    /** Puts the program at an absolute icount; answers, then sends continued and a stopped event. */
    @ExecutionRequest
    @JsonRequest(BackstepProtocol.SEEK)
    CompletableFuture<Void> seek(SeekArguments args);

    /** Where the session is on its timeline. */
    @JsonRequest(BackstepProtocol.INFO)
    CompletableFuture<InfoResponse> info(InfoArguments args);

    /** Writes the recording made so far to a file. */
    @JsonRequest(BackstepProtocol.SAVE_RECORDING)
    CompletableFuture<Void> saveRecording(SaveRecordingArguments args);

    /** Runs backward to the call of the current function (the instruction that called it). */
    @ExecutionRequest
    @JsonRequest(BackstepProtocol.REVERSE_STEP_OUT)
    CompletableFuture<Void> reverseStepOut(ReverseStepOutArguments args);

    /**
     * Runs backward to the previous line start anywhere, entering a function called on the way at its last line
     * (DAP's stepBack steps over calls); {@code granularity: "instruction"} goes back one instruction.
     */
    @ExecutionRequest
    @JsonRequest(BackstepProtocol.REVERSE_STEP_IN)
    CompletableFuture<Void> reverseStepIn(ReverseStepInArguments args);

    /**
     * "Run to cursor" in either direction: to the next ({@code reverse} false) or the last ({@code reverse} true)
     * time the code of {@code source}:{@code line} runs, as a temporary breakpoint would stop; breakpoints on the
     * way stop first. Answers, then sends continued and a stopped event (reason "step").
     */
    @ExecutionRequest
    @JsonRequest(BackstepProtocol.RUN_TO_LINE)
    CompletableFuture<Void> runToLine(RunToLineArguments args);

    /**
     * Text typed in the client's console, sent to the guest's UART as live input (UTF-8). Record mode at the live
     * end of history, or while the program runs; refused with a message in the past, in a replay, and once the
     * history has ended. Launch with {@code consoleInput: true} so that a program waiting for input waits for it.
     */
    @JsonRequest(BackstepProtocol.INPUT)
    CompletableFuture<Void> input(InputArguments args);

    /** The RTOS's tasks at the current stop (each also a DAP thread), with their state, priority and stack. */
    @JsonRequest(BackstepProtocol.TASKS)
    CompletableFuture<TasksResponse> tasks(TasksArguments args);

    /**
     * Which task ran when over a range of the recorded history (one replay of the range, or less; the position does
     * not change). A client draws it and seeks to a switch's icount when the user clicks it.
     */
    @JsonRequest(BackstepProtocol.TASK_SWITCHES)
    CompletableFuture<TaskSwitchesResponse> taskSwitches(TaskSwitchesArguments args);

    /**
     * Runs backward to where a task last ran: the last instruction it ran before the kernel switched away from it.
     * Answers, then sends continued and a stopped event naming that task's thread.
     */
    @ExecutionRequest
    @JsonRequest(BackstepProtocol.REVERSE_TO_TASK)
    CompletableFuture<Void> reverseToTask(ReverseToTaskArguments args);
    /**
     * The value history of an expression's bytes (or a data breakpoint's) over the recording, or a range of it: every
     * write, with the writing instruction's place and the value before and after. Answers when the page is full or the
     * range covered; long queries send progress events and end early on {@code cancel} (by this request's seq or the
     * progress id), answering with what was found. The program stays where it is.
     */
    @JsonRequest(BackstepProtocol.HISTORY)
    CompletableFuture<HistoryResponse> history(HistoryArguments args);

    /**
     * Every execution of a source line (or entry of a function) over the recording, or a range of it, with an
     * expression's value at each; otherwise as {@code backstep/history}.
     */
    @JsonRequest(BackstepProtocol.HITS)
    CompletableFuture<HistoryResponse> hits(HitsArguments args);
}
