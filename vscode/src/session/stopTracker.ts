import * as vscode from 'vscode';
import { CustomRequest, EXECUTION_REQUESTS } from '../protocol/backstepProtocol';
import { RecordingInfo, StopHistory } from './stopHistory';

/** Requests after which the program runs until the next stopped event: DAP's own and Backstep's (generated list). */
const RUN_REQUESTS = new Set<string>([
    'continue',
    'next',
    'stepIn',
    'stepOut',
    'stepBack',
    'reverseContinue',
    'goto',
    'restartFrame',
    ...EXECUTION_REQUESTS,
]);

interface ProtocolMessage {
    type?: string;
    event?: string;
    command?: string;
    success?: boolean;
    body?: any;
}

/**
 * Watches the DAP traffic of one Backstep session: stops (with their icount,
 * direction and recorded length as fields), resumptions, restarts, and the
 * first stack trace after a stop. After each stop it asks the server for
 * `backstep/info` for the mode and snapshots.
 */
export class StopTracker implements vscode.DebugAdapterTracker {
    constructor(
        private readonly session: vscode.DebugSession,
        private readonly history: StopHistory,
    ) {}

    onWillReceiveMessage(message: ProtocolMessage): void {
        if (message.type !== 'request' || !message.command) {
            return;
        }
        if (message.command === 'restart') {
            this.history.restarted(this.session.id);
        } else if (RUN_REQUESTS.has(message.command)) {
            this.history.running(this.session.id);
        }
    }

    onDidSendMessage(message: ProtocolMessage): void {
        if (message.type === 'event') {
            if (message.event === 'stopped') {
                this.history.stopped(this.session.id, message.body ?? {});
                void this.refreshInfo();
            } else if (message.event === 'continued') {
                this.history.running(this.session.id);
            } else if (message.event === 'terminated') {
                this.history.running(this.session.id);
            }
            // 'exited' changes nothing here: the server sends it after the stop at the program's end and the
            // session stays stopped there, so that the user can step back.
        } else if (message.type === 'response' && message.success && message.command === 'stackTrace') {
            this.history.topFrame(this.session.id, message.body?.stackFrames?.[0]);
        }
    }

    onWillStopSession(): void {
        this.history.ended(this.session.id);
    }

    onExit(): void {
        this.history.ended(this.session.id);
    }

    private async refreshInfo(): Promise<void> {
        try {
            const info = (await this.session.customRequest(CustomRequest.info, {})) as RecordingInfo | undefined;
            if (info && typeof info === 'object' && this.history.isStopped(this.session.id)) {
                this.history.recordingInfo(this.session.id, info);
            }
        } catch {
            // An older server without backstep/info: the stop's own fields are enough.
        }
    }
}

export class StopTrackerFactory implements vscode.DebugAdapterTrackerFactory {
    constructor(private readonly history: StopHistory) {}

    createDebugAdapterTracker(session: vscode.DebugSession): vscode.DebugAdapterTracker {
        return new StopTracker(session, this.history);
    }
}
