import * as vscode from 'vscode';
import { DEBUG_TYPE } from '../config/launchConfiguration';
import {
    CustomRequest,
    HistoryArguments,
    HistoryResponse,
    HitsArguments,
    SeekArguments,
} from '../protocol/backstepProtocol';
import { expressionOf, HistoryTarget, PAGE_SIZE, plotPoints, titleOf } from './historyModel';
import { HistoryPlot } from './historyPlot';
import { HistoryCommandId, HistoryRow, HistoryViewProvider, HISTORY_VIEW_ID } from './historyView';

function messageOf(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

/** The arguments of the request that loads a page of a history from {@code from}. */
export function requestFor(target: HistoryTarget, from?: number): { command: string; args: HistoryArguments | HitsArguments } {
    if (target.kind === 'values') {
        const args: HistoryArguments = target.dataId
            ? { dataId: target.dataId, maxEntries: PAGE_SIZE }
            : { expression: target.expression, frameId: target.frameId, maxEntries: PAGE_SIZE };
        if (from !== undefined) {
            args.from = from;
        }
        return { command: CustomRequest.history, args };
    }
    const args: HitsArguments = target.functionName
        ? { function: target.functionName, maxEntries: PAGE_SIZE }
        : { source: { path: target.path }, line: target.line, maxEntries: PAGE_SIZE };
    if (target.expression) {
        args.expression = target.expression;
    }
    if (from !== undefined) {
        args.from = from;
    }
    return { command: CustomRequest.hits, args };
}

/**
 * Show Value History (Variables and Watch context menus), Show Line History (editor context menu), and the history
 * view's own commands: go to an entry (a write: the state just after it; "Go to Just Before the Write": the state on
 * the writing instruction), load the next page, plot the values.
 */
export class HistoryCommands {
    readonly view = new HistoryViewProvider();
    readonly plot: HistoryPlot;

    constructor(extensionUri: vscode.Uri, private readonly log: vscode.OutputChannel) {
        this.plot = new HistoryPlot(extensionUri, (icount) => void this.seek(icount));
    }

    register(): vscode.Disposable[] {
        const tree = vscode.window.createTreeView(HISTORY_VIEW_ID, { treeDataProvider: this.view });
        this.view.attach(tree);
        return [
            tree,
            this.view,
            this.plot,
            vscode.commands.registerCommand(HistoryCommandId.showValueHistory, (ctx: unknown) => this.showValueHistory(ctx)),
            vscode.commands.registerCommand(HistoryCommandId.showLineHistory, (uri?: unknown) => this.showLineHistory(uri)),
            vscode.commands.registerCommand(HistoryCommandId.goToEntry, (row: HistoryRow) => this.goTo(row, false)),
            vscode.commands.registerCommand(HistoryCommandId.goToBefore, (row: HistoryRow) => this.goTo(row, true)),
            vscode.commands.registerCommand(HistoryCommandId.loadMore, () => this.loadMore()),
            vscode.commands.registerCommand(HistoryCommandId.showPlot, () => this.showPlot()),
        ];
    }

    private session(): vscode.DebugSession | undefined {
        const s = vscode.debug.activeDebugSession;
        if (s && s.type === DEBUG_TYPE) {
            return s;
        }
        void vscode.window.showErrorMessage('Backstep: no Backstep debug session is active.');
        return undefined;
    }

    /** The focused stack frame's id, so a local is followed in the frame the user looks at. */
    private frameId(): number | undefined {
        const item = (vscode.debug as { activeStackItem?: { frameId?: unknown } }).activeStackItem;
        return item && typeof item.frameId === 'number' ? item.frameId : undefined;
    }

    async showValueHistory(context?: unknown): Promise<void> {
        let expression = expressionOf(context);
        if (!expression) {
            expression = await vscode.window.showInputBox({
                title: 'Backstep: Show Value History',
                prompt: 'A C lvalue whose every write in the recording to list (e.g. config.alarm_limit)',
            });
        }
        if (!expression) {
            return;
        }
        await this.load({ kind: 'values', expression, frameId: this.frameId() });
    }

    async showLineHistory(uri?: unknown): Promise<void> {
        const editor = vscode.window.activeTextEditor;
        if (!editor) {
            void vscode.window.showErrorMessage('Backstep: Show Line History needs a source editor.');
            return;
        }
        const file = uri instanceof vscode.Uri ? uri : editor.document.uri;
        const line = editor.selection.active.line + 1;
        const name = file.fsPath.split(/[\\/]/).pop();
        const expression = await vscode.window.showInputBox({
            title: `Backstep: Show Line History of ${name}:${line}`,
            prompt: 'Optional: a C expression to evaluate at every execution of the line (empty: none)',
        });
        if (expression === undefined) {
            return;
        }
        await this.load({ kind: 'hits', path: file.fsPath, line, expression: expression.trim() || undefined });
    }

    /** Asks for the first page of a history and shows it in the view (and a plot, when the values are numbers). */
    async load(target: HistoryTarget): Promise<HistoryResponse | undefined> {
        const session = this.session();
        if (!session) {
            return undefined;
        }
        const r = await this.page(session, target);
        if (!r) {
            return undefined;
        }
        this.view.show({ sessionId: session.id, target, first: r, entries: [...r.entries], next: r.next, cancelled: r.cancelled });
        try {
            await vscode.commands.executeCommand(`${HISTORY_VIEW_ID}.focus`);
        } catch {
            // the view is not there to focus (hidden by the user): the list is still loaded
        }
        if (plotPoints(r.entries, r.kind).length > 0) {
            this.showPlot();
        }
        return r;
    }

    async loadMore(): Promise<void> {
        const h = this.view.current();
        const session = this.session();
        if (!h || h.next === undefined || !session) {
            return;
        }
        const r = await this.page(session, h.target, h.next);
        if (!r) {
            return;
        }
        h.entries.push(...r.entries);
        h.next = r.next;
        h.cancelled = r.cancelled;
        this.view.show(h);
    }

    showPlot(): void {
        const h = this.view.current();
        if (!h) {
            return;
        }
        const points = plotPoints(h.entries, h.first.kind);
        if (points.length === 0) {
            void vscode.window.showInformationMessage(`Backstep: the values of ${h.first.subject} are not numbers; nothing to plot.`);
            return;
        }
        this.plot.show(titleOf(h.first), points, h.first.kind === 'values');
    }

    private async page(session: vscode.DebugSession, target: HistoryTarget, from?: number): Promise<HistoryResponse | undefined> {
        const { command, args } = requestFor(target, from);
        try {
            return (await session.customRequest(command, args)) as HistoryResponse;
        } catch (e) {
            const text = `Backstep: ${target.kind === 'values' ? 'value' : 'line'} history failed: ${messageOf(e)}`;
            this.log.appendLine(text);
            void vscode.window.showErrorMessage(text);
            return undefined;
        }
    }

    async goTo(row: HistoryRow | undefined, before: boolean): Promise<void> {
        if (!row || row.type !== 'entry') {
            return;
        }
        await this.seek(before ? row.entry.before : row.entry.icount);
    }

    async seek(icount: number): Promise<void> {
        const session = this.session();
        if (!session) {
            return;
        }
        try {
            await session.customRequest(CustomRequest.seek, { icount } satisfies SeekArguments);
        } catch (e) {
            const text = `Backstep: seek failed: ${messageOf(e)}`;
            this.log.appendLine(text);
            void vscode.window.showErrorMessage(text);
        }
    }
}
