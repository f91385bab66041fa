/**
 * The custom DAP requests the Backstep server answers besides the standard
 * protocol. Names and argument shapes are the contract with emulator/dap.
 */
export const CustomRequest = {
    /** Put the machine at an absolute instruction count; the server then sends a stopped event. */
    seek: 'backstep/seek',
    /** Run backwards until the current frame was entered (the caller's line); stopped event follows. */
    reverseStepOut: 'backstep/reverseStepOut',
    /** Where we are in the recording. */
    info: 'backstep/info',
    /** Write the recording so far to a file. */
    saveRecording: 'backstep/saveRecording',
    /** "Run to cursor" either way of time: to the next or the last time a source line runs; stopped event follows. */
    runToLine: 'backstep/runToLine',
    /** Bytes for the guest's UART, taken at the live end of a record session and recorded like any input. */
    input: 'backstep/input',
} as const;

export interface RunToLineArguments {
    threadId: number;
    source: { path: string };
    /** 1-based */
    line: number;
    reverse: boolean;
}

export interface InputArguments {
    text: string;
}

export interface SeekArguments {
    icount: number;
}

export interface ReverseStepOutArguments {
    threadId: number;
}

export interface SaveRecordingArguments {
    path: string;
}

/** Body of the `backstep/info` response. Every field is optional on our side: show what arrives. */
export interface RecordingInfo {
    mode?: 'record' | 'replay' | string;
    /** File the recording is being written to / was opened from. */
    recording?: string;
    /** Current position. */
    icount?: number;
    /** Instruction count at the end of what has been recorded so far. */
    recordedLength?: number;
    snapshotCount?: number;
    snapshotBytes?: number;
}
