import * as vscode from 'vscode';
import type { HistoryEntry, HistoryResponse } from '../protocol/backstepProtocol';
import { descriptionOf, HistoryTarget, labelOf, titleOf, tooltipOf } from './historyModel';

export const HISTORY_VIEW_ID = 'backstep.history';

/** Commands of the history view and its entries (declared in package.json). */
export const HistoryCommandId = {
    showValueHistory: 'backstep.showValueHistory',
    showLineHistory: 'backstep.showLineHistory',
    goToEntry: 'backstep.history.goTo',
    goToBefore: 'backstep.history.goToBefore',
    loadMore: 'backstep.history.loadMore',
    showPlot: 'backstep.history.showPlot',
} as const;

/** A row of the view: an entry, the "more" row after a full page, or a note. */
export type HistoryRow =
    | { type: 'entry'; entry: HistoryEntry; index: number }
    | { type: 'more'; from: number }
    | { type: 'note'; text: string };

/** The last history asked for, as the view shows it: every page loaded so far. */
export interface LoadedHistory {
    readonly sessionId: string;
    readonly target: HistoryTarget;
    readonly first: HistoryResponse;
    readonly entries: HistoryEntry[];
    next?: number;
    cancelled?: boolean;
}

/** The Backstep History view: the entries of the last value or line history; a click goes there. */
export class HistoryViewProvider implements vscode.TreeDataProvider<HistoryRow>, vscode.Disposable {
    private readonly changed = new vscode.EventEmitter<HistoryRow | undefined>();
    readonly onDidChangeTreeData = this.changed.event;
    private loaded: LoadedHistory | undefined;
    private view: vscode.TreeView<HistoryRow> | undefined;

    attach(view: vscode.TreeView<HistoryRow>): void {
        this.view = view;
    }

    current(): LoadedHistory | undefined {
        return this.loaded;
    }

    show(h: LoadedHistory): void {
        this.loaded = h;
        if (this.view) {
            this.view.title = `History: ${h.first.subject}`;
            this.view.message = `${titleOf(h.first)}: ${h.entries.length}${h.next !== undefined ? '+' : ''} `
                + (h.first.kind === 'values' ? 'writes' : 'hits')
                + (h.first.kind === 'values' && h.first.initial !== undefined ? ` · initially ${h.first.initial}` : '')
                + (h.cancelled ? ' · cancelled' : '');
        }
        this.changed.fire(undefined);
    }

    clear(): void {
        this.loaded = undefined;
        if (this.view) {
            this.view.message = undefined;
        }
        this.changed.fire(undefined);
    }

    getChildren(element?: HistoryRow): HistoryRow[] {
        if (element || !this.loaded) {
            return [];
        }
        const rows: HistoryRow[] = this.loaded.entries.map((entry, index) => ({ type: 'entry', entry, index }));
        if (rows.length === 0) {
            rows.push({ type: 'note', text: this.loaded.first.kind === 'values' ? 'No writes in the recording' : 'The line never ran' });
        }
        if (this.loaded.next !== undefined) {
            rows.push({ type: 'more', from: this.loaded.next });
        }
        return rows;
    }

    getTreeItem(row: HistoryRow): vscode.TreeItem {
        if (row.type === 'more') {
            const item = new vscode.TreeItem(`Load more (from icount ${row.from})…`);
            item.command = { command: HistoryCommandId.loadMore, title: 'Load More' };
            item.iconPath = new vscode.ThemeIcon('ellipsis');
            return item;
        }
        if (row.type === 'note') {
            return new vscode.TreeItem(row.text);
        }
        const kind = this.loaded?.first.kind ?? 'values';
        const e = row.entry;
        const item = new vscode.TreeItem(`${row.index + 1}. ${labelOf(e, kind)}`);
        item.description = descriptionOf(e, kind);
        item.tooltip = tooltipOf(e, kind);
        item.contextValue = kind === 'values' ? 'backstepWrite' : 'backstepHit';
        item.iconPath = new vscode.ThemeIcon(kind === 'values' ? 'edit' : 'debug-stackframe-dot');
        item.command = { command: HistoryCommandId.goToEntry, title: 'Go There', arguments: [row] };
        return item;
    }

    dispose(): void {
        this.changed.dispose();
    }
}
