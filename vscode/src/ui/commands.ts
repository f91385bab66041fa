import * as path from 'path';
import * as vscode from 'vscode';
import { DEBUG_TYPE } from '../config/launchConfiguration';
import {
    CustomRequest,
    InputArguments,
    RunToLineArguments,
    ReverseStepOutArguments,
    SaveRecordingArguments,
    SeekArguments,
} from '../protocol/backstepProtocol';
import { parseIcountInput } from '../protocol/stopTime';
import { RecordingInfo, StopHistory } from '../session/stopHistory';
import { CommandId } from './commandIds';
import { describeRecordingInfo, formatIcount } from './formatting';

function activeBackstepSession(): vscode.DebugSession | undefined {
    const session = vscode.debug.activeDebugSession;
    if (session && session.type === DEBUG_TYPE) {
        return session;
    }
    void vscode.window.showErrorMessage('Backstep: no Backstep debug session is active.');
    return undefined;
}

/** Seek's words for the edges of history. */
const EDGES = /^\s*(start|end)\s*$/i;

function messageOf(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

/** The user-facing commands; each one is a thin wrapper around one custom request. */
export class BackstepCommands {
    constructor(
        private readonly history: StopHistory,
        private readonly log: vscode.OutputChannel,
    ) {}

    register(): vscode.Disposable[] {
        return [
            vscode.commands.registerCommand(CommandId.seek, () => this.seek()),
            vscode.commands.registerCommand(CommandId.seekTo, (icount: unknown) => this.seekTo(icount)),
            vscode.commands.registerCommand(CommandId.reverseStepOut, () => this.reverseStepOut()),
            vscode.commands.registerCommand(CommandId.showInfo, () => this.showInfo()),
            vscode.commands.registerCommand(CommandId.saveRecording, () => this.saveRecording()),
            vscode.commands.registerCommand(CommandId.sendInput, () => this.sendInput()),
            vscode.commands.registerCommand(CommandId.reverseRunToCursor, () => this.reverseRunToCursor()),
        ];
    }

    async seek(): Promise<void> {
        const session = activeBackstepSession();
        if (!session) {
            return;
        }
        const current = this.history.currentIcount(session.id);
        const recorded = this.history.recordedLength(session.id);
        const answer = await vscode.window.showInputBox({
            title: 'Backstep: Seek to Instruction Count',
            prompt:
                recorded !== undefined
                    ? `Instruction count to go to, or start / end (recorded so far: ${formatIcount(recorded)}; beyond that the program runs live)`
                    : 'Instruction count to go to, or start / end',
            value: current !== undefined ? String(current) : '',
            validateInput: (text) =>
                parseIcountInput(text) === undefined && !EDGES.test(text)
                    ? 'Enter a non-negative whole number (e.g. 12345 or 0x3039), start or end'
                    : undefined,
        });
        if (answer === undefined) {
            return;
        }
        const icount = EDGES.test(answer) ? await this.edge(session, answer.trim().toLowerCase()) : parseIcountInput(answer);
        if (icount === undefined) {
            return;
        }
        await this.request(session, CustomRequest.seek, { icount } satisfies SeekArguments, 'seek');
    }

    /** The start (0) or the end of the recorded history (asked of the server: it grows while recording). */
    private async edge(session: vscode.DebugSession, which: string): Promise<number | undefined> {
        if (which === 'start') {
            return 0;
        }
        const info = (await this.request(session, CustomRequest.info, {}, 'recording info')) as RecordingInfo | undefined;
        return info?.recordedLength;
    }

    async seekTo(icount: unknown): Promise<void> {
        if (typeof icount !== 'number' || !Number.isSafeInteger(icount) || icount < 0) {
            return this.seek();
        }
        const session = activeBackstepSession();
        if (session) {
            await this.request(session, CustomRequest.seek, { icount } satisfies SeekArguments, 'seek');
        }
    }

    async reverseStepOut(): Promise<void> {
        const session = activeBackstepSession();
        if (!session) {
            return;
        }
        const threadId = this.focusedThread(session);
        if (threadId === undefined) {
            void vscode.window.showErrorMessage('Backstep: Reverse Step Out needs a stopped thread.');
            return;
        }
        await this.request(session, CustomRequest.reverseStepOut, { threadId } satisfies ReverseStepOutArguments, 'reverse step out');
    }

    async showInfo(): Promise<void> {
        const session = activeBackstepSession();
        if (!session) {
            return;
        }
        const info = (await this.request(session, CustomRequest.info, {}, 'recording info')) as RecordingInfo | undefined;
        if (info === undefined) {
            return;
        }
        this.history.recordingInfo(session.id, info);
        const text = describeRecordingInfo(info);
        this.log.appendLine(text);
        void vscode.window.showInformationMessage(text);
    }

    async saveRecording(): Promise<void> {
        const session = activeBackstepSession();
        if (!session) {
            return;
        }
        const folder = session.workspaceFolder?.uri;
        const program = session.configuration.program;
        const suggested = typeof program === 'string' ? `${path.basename(program, path.extname(program))}.bsr` : 'recording.bsr';
        const target = await vscode.window.showSaveDialog({
            title: 'Backstep: Save Recording As',
            saveLabel: 'Save Recording',
            defaultUri: folder ? vscode.Uri.joinPath(folder, suggested) : undefined,
            filters: { 'Backstep recordings': ['bsr'], 'All files': ['*'] },
        });
        if (!target) {
            return;
        }
        // the save dialog has asked the user before choosing an existing file: that is the overwrite the server wants
        const args: SaveRecordingArguments = { path: target.fsPath, overwrite: true };
        const done = await this.request(session, CustomRequest.saveRecording, args, 'save recording');
        if (done !== undefined) {
            this.log.appendLine(`Backstep: recording saved to ${target.fsPath}`);
            void vscode.window.showInformationMessage(`Backstep: recording saved to ${target.fsPath}`);
        }
    }

    /**
     * A line typed for the program's UART (the Debug Console evaluates C expressions, so input has its own box).
     * The server takes it only at the live end of a record session and says why otherwise.
     */
    async sendInput(): Promise<void> {
        const session = activeBackstepSession();
        if (!session) {
            return;
        }
        const line = await vscode.window.showInputBox({
            title: 'Backstep: Send Input to the Program',
            prompt: 'A line for the UART (a newline is added; \\n and \\t are escapes). Taken at the end of history and recorded.',
        });
        if (line === undefined) {
            return;
        }
        const text = line.replace(/\\(n|t|\\)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\')) + '\n';
        await this.request(session, CustomRequest.input, { text } satisfies InputArguments, 'send input');
    }

    /**
     * VS Code's Run to Cursor, backwards: to the last time the line under the cursor ran (breakpoints on the way
     * stop first). The server resolves the line as a breakpoint would; the stopped event follows.
     */
    async reverseRunToCursor(): Promise<void> {
        const session = activeBackstepSession();
        if (!session) {
            return;
        }
        const editor = vscode.window.activeTextEditor;
        if (!editor || editor.document.uri.scheme !== 'file') {
            void vscode.window.showErrorMessage('Backstep: Reverse Run to Cursor needs the cursor in a source file.');
            return;
        }
        const threadId = this.focusedThread(session);
        if (threadId === undefined) {
            void vscode.window.showErrorMessage('Backstep: Reverse Run to Cursor needs a stopped thread.');
            return;
        }
        const args: RunToLineArguments = {
            threadId,
            source: { path: editor.document.uri.fsPath },
            line: editor.selection.active.line + 1,
            reverse: true,
        };
        await this.request(session, CustomRequest.runToLine, args, 'reverse run to cursor');
    }

    /** The thread the user looks at in the Call Stack view, else the one that stopped last. */
    private focusedThread(session: vscode.DebugSession): number | undefined {
        const focused = vscode.debug.activeStackItem;
        if (focused && focused.session.id === session.id) {
            return focused.threadId;
        }
        return this.history.latestStop(session.id)?.threadId;
    }

    /** Sends one custom request; a failure becomes an error message. Resolves to the body, or undefined on failure. */
    private async request(session: vscode.DebugSession, command: string, args: object, what: string): Promise<unknown> {
        try {
            const body = await session.customRequest(command, args);
            return body ?? {};
        } catch (error) {
            const text = `Backstep: ${what} failed: ${messageOf(error)}`;
            this.log.appendLine(text);
            void vscode.window.showErrorMessage(text);
            return undefined;
        }
    }
}
