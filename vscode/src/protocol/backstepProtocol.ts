// Generated from the Java protocol module emulator/dap-protocol (package dev.backstep.dap.protocol)
// by its test ProtocolDriftTest, which fails when this file and the Java classes differ. Do not edit:
// change the Java classes, then run
//   ./mvnw -B -pl emulator/dap-protocol verify -Dbackstep.protocol.write=true
import type { DebugProtocol } from '@vscode/debugprotocol';

/** The custom requests of the Backstep server, by the names the extension uses. */
export const CustomRequest = {
    history: 'backstep/history',
    hits: 'backstep/hits',
    info: 'backstep/info',
    input: 'backstep/input',
    reverseStepIn: 'backstep/reverseStepIn',
    reverseStepOut: 'backstep/reverseStepOut',
    reverseToTask: 'backstep/reverseToTask',
    runToLine: 'backstep/runToLine',
    saveRecording: 'backstep/saveRecording',
    seek: 'backstep/seek',
    taskSwitches: 'backstep/taskSwitches',
    tasks: 'backstep/tasks',
} as const;

export type CustomRequestName = (typeof CustomRequest)[keyof typeof CustomRequest];

/** Requests that set the program going: the server answers, sends continued, then stopped. */
export const EXECUTION_REQUESTS: readonly CustomRequestName[] = [
    CustomRequest.reverseStepIn,
    CustomRequest.reverseStepOut,
    CustomRequest.reverseToTask,
    CustomRequest.runToLine,
    CustomRequest.seek,
];

/** Arguments and response body of each custom request. */
export interface CustomRequests {
    'backstep/history': { arguments: HistoryArguments; response: HistoryResponse };
    'backstep/hits': { arguments: HitsArguments; response: HistoryResponse };
    'backstep/info': { arguments: InfoArguments; response: InfoResponse };
    'backstep/input': { arguments: InputArguments; response: undefined };
    'backstep/reverseStepIn': { arguments: ReverseStepInArguments; response: undefined };
    'backstep/reverseStepOut': { arguments: ReverseStepOutArguments; response: undefined };
    'backstep/reverseToTask': { arguments: ReverseToTaskArguments; response: undefined };
    'backstep/runToLine': { arguments: RunToLineArguments; response: undefined };
    'backstep/saveRecording': { arguments: SaveRecordingArguments; response: undefined };
    'backstep/seek': { arguments: SeekArguments; response: undefined };
    'backstep/taskSwitches': { arguments: TaskSwitchesArguments; response: TaskSwitchesResponse };
    'backstep/tasks': { arguments: TasksArguments; response: TasksResponse };
}

export interface HistoryArguments {
    dataId?: string;
    expression?: string;
    frameId?: number;
    from?: number;
    maxEntries?: number;
    to?: number;
}

export interface HistoryResponse {
    cancelled?: boolean;
    entries: HistoryEntry[];
    initial?: string;
    kind: string;
    next?: number;
    replayed?: number;
    skipped?: number;
    subject: string;
    type?: string;
}

export interface HitsArguments {
    expression?: string;
    from?: number;
    function?: string;
    line?: number;
    maxEntries?: number;
    source?: DebugProtocol.Source;
    to?: number;
}

export interface InfoArguments {
}

export interface InfoResponse {
    direction?: TimeDirection;
    icount: number;
    mode?: string;
    recordedLength: number;
    recording?: string;
    snapshotBytes: number;
    snapshotCount: number;
    snapshots?: number[];
}

export interface InputArguments {
    text: string;
}

export interface ReverseStepInArguments {
    granularity?: string;
    threadId?: number;
}

export interface ReverseStepOutArguments {
    threadId?: number;
}

export interface ReverseToTaskArguments {
    threadId: number;
}

export interface RunToLineArguments {
    line: number;
    reverse?: boolean;
    source: DebugProtocol.Source;
    threadId?: number;
}

export interface SaveRecordingArguments {
    overwrite?: boolean;
    path: string;
}

export interface SeekArguments {
    icount: number;
}

export interface TaskSwitchesArguments {
    from?: number;
    max?: number;
    to?: number;
}

export interface TaskSwitchesResponse {
    from: number;
    switches: TaskSwitchEntry[];
    to: number;
    truncated: boolean;
}

export interface TasksArguments {
}

export interface TasksResponse {
    rtos?: string;
    tasks: TaskEntry[];
}

export interface StoppedEventBody extends NonNullable<DebugProtocol.StoppedEvent['body']> {
    direction?: TimeDirection;
    icount?: number;
    recordedLength?: number;
}

export interface HistoryEntry {
    before: number;
    changed?: boolean;
    function?: string;
    icount: number;
    line?: number;
    number?: number;
    oldValue?: string;
    path?: string;
    pc: string;
    value?: string;
}

export type TimeDirection = 'forward' | 'backward';

export interface TaskSwitchEntry {
    icount: number;
    name: string;
    threadId: number;
}

export interface TaskEntry {
    name: string;
    pc: number;
    priority: number;
    stackFree: number;
    stackHigh: number;
    stackLow: number;
    state: string;
    tcb: number;
    threadId: number;
}
