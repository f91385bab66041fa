import * as vscode from 'vscode';
import { DEBUG_TYPE } from '../config/launchConfiguration';
import { StopHistory, StopRecord } from '../session/stopHistory';
import { CommandId } from './commandIds';
import { formatIcount } from './formatting';

/** The recent stops of the active Backstep session, newest first; clicking one seeks there. */
export class TimelineProvider implements vscode.TreeDataProvider<StopRecord>, vscode.Disposable {
    private readonly changed = new vscode.EventEmitter<StopRecord | undefined>();
    readonly onDidChangeTreeData = this.changed.event;
    private readonly subscriptions: vscode.Disposable[] = [];

    constructor(private readonly history: StopHistory) {
        this.subscriptions.push(
            history.onDidChange(() => this.changed.fire(undefined)),
            vscode.debug.onDidChangeActiveDebugSession(() => this.changed.fire(undefined)),
        );
    }

    getChildren(element?: StopRecord): StopRecord[] {
        if (element) {
            return [];
        }
        const session = vscode.debug.activeDebugSession;
        if (!session || session.type !== DEBUG_TYPE) {
            return [];
        }
        return [...this.history.stopsOf(session.id)];
    }

    getTreeItem(stop: StopRecord): vscode.TreeItem {
        const label = stop.icount === undefined ? 'icount ?' : `icount ${formatIcount(stop.icount)}`;
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
        const where = stop.source ? `${stop.source}${stop.line !== undefined ? `:${stop.line}` : ''}` : undefined;
        item.description = where ? `${stop.reason} · ${where}` : stop.reason;
        item.tooltip = stop.description ?? stop.reason;
        item.iconPath = new vscode.ThemeIcon('debug-stackframe-dot');
        if (stop.icount !== undefined) {
            item.command = { command: CommandId.seekTo, title: 'Seek Here', arguments: [stop.icount] };
        }
        return item;
    }

    dispose(): void {
        this.subscriptions.forEach((s) => s.dispose());
        this.changed.dispose();
    }
}
