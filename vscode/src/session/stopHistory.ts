import * as vscode from 'vscode';
import { InfoResponse, StoppedEventBody, TimeDirection } from '../protocol/backstepProtocol';
import { stopTimeOf } from '../protocol/stopTime';

/** What a server answered to backstep/info: every field is optional on our side, show what arrives. */
export type RecordingInfo = Partial<InfoResponse>;

/** One place the program stopped at, as the timeline view shows it. */
export interface StopRecord {
    readonly sessionId: string;
    readonly icount: number | undefined;
    readonly direction: TimeDirection | undefined;
    /** Where the recorded history ended at this stop. */
    readonly recordedLength: number | undefined;
    readonly reason: string;
    readonly description: string | undefined;
    readonly threadId: number | undefined;
    /** Filled in from the first stack trace VS Code asks for after the stop. */
    source?: string;
    line?: number;
}

interface SessionState {
    running: boolean;
    stops: StopRecord[];
    info?: RecordingInfo;
    /** The latest stop still waits for its top frame. */
    awaitingFrame: boolean;
}

const MAX_STOPS_PER_SESSION = 100;

/**
 * What each Backstep session did recently: its stops (newest last), whether it
 * runs now, and the last recording info. Fed by the adapter tracker; read by
 * the status bar, the timeline view and the commands.
 */
export class StopHistory implements vscode.Disposable {
    private readonly sessions = new Map<string, SessionState>();
    private readonly changed = new vscode.EventEmitter<string>();
    /** Fires with the session id whenever anything about that session changed. */
    readonly onDidChange = this.changed.event;

    private state(sessionId: string): SessionState {
        let state = this.sessions.get(sessionId);
        if (!state) {
            state = { running: true, stops: [], awaitingFrame: false };
            this.sessions.set(sessionId, state);
        }
        return state;
    }

    stopped(sessionId: string, body: Partial<StoppedEventBody>): StopRecord {
        const state = this.state(sessionId);
        const time = stopTimeOf(body);
        const record: StopRecord = {
            sessionId,
            icount: time.icount,
            direction: time.direction,
            recordedLength: time.recordedLength,
            reason: body.reason ?? 'stopped',
            description: body.description,
            threadId: body.threadId,
        };
        state.running = false;
        // The info belongs to the previous position; the tracker asks again.
        state.info = undefined;
        state.stops.push(record);
        if (state.stops.length > MAX_STOPS_PER_SESSION) {
            state.stops.splice(0, state.stops.length - MAX_STOPS_PER_SESSION);
        }
        state.awaitingFrame = true;
        this.changed.fire(sessionId);
        return record;
    }

    running(sessionId: string): void {
        const state = this.state(sessionId);
        if (!state.running) {
            state.running = true;
            this.changed.fire(sessionId);
        }
    }

    /** The program starts over (Restart): the stops of the old run are of another recording. */
    restarted(sessionId: string): void {
        const state = this.state(sessionId);
        state.stops = [];
        state.info = undefined;
        state.awaitingFrame = false;
        state.running = true;
        this.changed.fire(sessionId);
    }

    topFrame(sessionId: string, frame: { source?: { name?: string; path?: string }; line?: number } | undefined): void {
        const state = this.sessions.get(sessionId);
        const latest = state?.stops[state.stops.length - 1];
        if (!state || !latest || !state.awaitingFrame || !frame) {
            return;
        }
        state.awaitingFrame = false;
        latest.source = frame.source?.name ?? frame.source?.path;
        latest.line = frame.line;
        this.changed.fire(sessionId);
    }

    recordingInfo(sessionId: string, info: RecordingInfo): void {
        const state = this.state(sessionId);
        state.info = info;
        this.changed.fire(sessionId);
    }

    ended(sessionId: string): void {
        if (this.sessions.delete(sessionId)) {
            this.changed.fire(sessionId);
        }
    }

    isStopped(sessionId: string): boolean {
        const state = this.sessions.get(sessionId);
        return !!state && !state.running && state.stops.length > 0;
    }

    latestStop(sessionId: string): StopRecord | undefined {
        const stops = this.sessions.get(sessionId)?.stops;
        return stops?.[stops.length - 1];
    }

    /** Newest first. */
    stopsOf(sessionId: string): readonly StopRecord[] {
        return [...(this.sessions.get(sessionId)?.stops ?? [])].reverse();
    }

    infoOf(sessionId: string): RecordingInfo | undefined {
        return this.sessions.get(sessionId)?.info;
    }

    /** Where the session is now: the icount of the latest stop (the server's info when the stop had none). */
    currentIcount(sessionId: string): number | undefined {
        const state = this.sessions.get(sessionId);
        if (!state || state.running) {
            return undefined;
        }
        return state.stops[state.stops.length - 1]?.icount ?? state.info?.icount;
    }

    /** Where the recorded history ends: the latest of the stop's and the info's figures (it only grows). */
    recordedLength(sessionId: string): number | undefined {
        const state = this.sessions.get(sessionId);
        const fromStop = state?.stops[state.stops.length - 1]?.recordedLength;
        const fromInfo = state?.info?.recordedLength;
        if (fromStop === undefined) {
            return fromInfo;
        }
        return fromInfo === undefined ? fromStop : Math.max(fromStop, fromInfo);
    }

    dispose(): void {
        this.changed.dispose();
        this.sessions.clear();
    }
}
