import * as vscode from 'vscode';
import { DEBUG_TYPE } from '../config/launchConfiguration';
import { StopHistory } from '../session/stopHistory';
import { formatIcount } from './formatting';
import { CommandId } from './commandIds';

/** Shows "icount N / M" while the active Backstep session is stopped; click to seek. */
export class IcountStatusBar implements vscode.Disposable {
    private readonly item: vscode.StatusBarItem;
    private readonly subscriptions: vscode.Disposable[] = [];

    constructor(private readonly history: StopHistory) {
        this.item = vscode.window.createStatusBarItem('backstep.icount', vscode.StatusBarAlignment.Left, 10);
        this.item.name = 'Backstep instruction count';
        this.item.command = CommandId.seek;
        this.subscriptions.push(
            history.onDidChange(() => this.update()),
            vscode.debug.onDidChangeActiveDebugSession(() => this.update()),
        );
        this.update();
    }

    update(): void {
        const session = vscode.debug.activeDebugSession;
        if (!session || session.type !== DEBUG_TYPE || !this.history.isStopped(session.id)) {
            this.item.hide();
            return;
        }
        const icount = this.history.currentIcount(session.id);
        const recorded = this.history.recordedLength(session.id);
        const info = this.history.infoOf(session.id);
        const stop = this.history.latestStop(session.id);
        if (icount === undefined) {
            this.item.text = '$(history) icount ?';
        } else if (recorded !== undefined) {
            this.item.text = `$(history) icount ${formatIcount(icount)} / ${formatIcount(recorded)}`;
        } else {
            this.item.text = `$(history) icount ${formatIcount(icount)}`;
        }
        const lines = ['Backstep: instructions retired so far (click to seek)'];
        if (stop?.description) {
            lines.push(stop.description);
        }
        if (stop?.direction) {
            lines.push(`direction: ${stop.direction}`);
        }
        if (info?.mode) {
            lines.push(`mode: ${info.mode}`);
        }
        this.item.tooltip = lines.join('\n');
        this.item.show();
    }

    /** For tests and for the commands: what the item shows now. */
    get text(): string {
        return this.item.text;
    }

    dispose(): void {
        this.subscriptions.forEach((s) => s.dispose());
        this.item.dispose();
    }
}
