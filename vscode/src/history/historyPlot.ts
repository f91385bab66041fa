import * as vscode from 'vscode';
import { PlotPoint } from './historyModel';

/**
 * A plot of a history's values over icount in a webview, drawn by Chart.js (bundled with the extension under
 * out/media, no network); a click on a point sends its icount back, and the extension goes there.
 */
export class HistoryPlot implements vscode.Disposable {
    private panel: vscode.WebviewPanel | undefined;

    constructor(
        private readonly extensionUri: vscode.Uri,
        private readonly goTo: (icount: number) => void,
    ) {}

    show(title: string, points: PlotPoint[], stepped: boolean): void {
        const media = vscode.Uri.joinPath(this.extensionUri, 'out', 'media');
        if (!this.panel) {
            this.panel = vscode.window.createWebviewPanel('backstep.historyPlot', title, vscode.ViewColumn.Beside, {
                enableScripts: true,
                localResourceRoots: [media],
                retainContextWhenHidden: true,
            });
            this.panel.onDidDispose(() => (this.panel = undefined));
            this.panel.webview.onDidReceiveMessage((m: { type?: string; icount?: unknown }) => {
                if (m && m.type === 'goto' && typeof m.icount === 'number' && Number.isSafeInteger(m.icount)) {
                    this.goTo(m.icount);
                }
            });
        }
        this.panel.title = title;
        const chartJs = this.panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'chart.umd.js'));
        this.panel.webview.html = plotHtml(title, points, stepped, chartJs.toString(), this.panel.webview.cspSource, nonce());
        this.panel.reveal(vscode.ViewColumn.Beside, true);
    }

    dispose(): void {
        this.panel?.dispose();
    }
}

function nonce(): string {
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    let s = '';
    for (let i = 0; i < 32; i++) {
        s += chars.charAt(Math.floor(Math.random() * chars.length));
    }
    return s;
}

function escapeHtml(t: string): string {
    return t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The webview's page: a canvas, Chart.js, and the points as JSON (escaped for a script element). */
export function plotHtml(title: string, points: PlotPoint[], stepped: boolean, chartJsUri: string, cspSource: string,
    scriptNonce: string): string {
    const data = JSON.stringify(points).replace(/</g, '\\u003c');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} data:; style-src 'unsafe-inline'; script-src 'nonce-${scriptNonce}' ${cspSource};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<style>
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); }
#wrap { position: relative; height: 80vh; }
#hint { opacity: 0.8; }
</style>
</head>
<body>
<h3 id="title">${escapeHtml(title)}</h3>
<div id="hint">${points.length} points. Click a point to go to that icount${stepped ? ' (just after the write)' : ''}.</div>
<div id="wrap"><canvas id="plot" aria-label="${escapeHtml(title)}"></canvas></div>
<script nonce="${scriptNonce}" src="${chartJsUri}"></script>
<script nonce="${scriptNonce}">
const vscode = acquireVsCodeApi();
const points = ${data};
const fg = getComputedStyle(document.body).getPropertyValue('--vscode-foreground') || '#888';
const chart = new Chart(document.getElementById('plot'), {
  type: 'line',
  data: { datasets: [{ label: ${JSON.stringify(title).replace(/</g, '\\u003c')}, data: points, parsing: false,
    stepped: ${stepped ? "'before'" : 'false'}, showLine: true, pointRadius: 4, pointHoverRadius: 7,
    borderColor: '#1f6fb4', backgroundColor: '#d9480f' }] },
  options: {
    animation: false, maintainAspectRatio: false,
    scales: { x: { type: 'linear', title: { display: true, text: 'icount', color: fg }, ticks: { color: fg } },
              y: { title: { display: true, text: 'value', color: fg }, ticks: { color: fg } } },
    plugins: { legend: { display: false },
      tooltip: { callbacks: { label: (c) => 'icount ' + c.raw.icount + ': ' + c.raw.label } } },
    onClick: (evt, elements) => {
      if (elements.length > 0) {
        const p = points[elements[0].index];
        vscode.postMessage({ type: 'goto', icount: p.icount });
      }
    },
  },
});
window.backstepChart = chart;
</script>
</body>
</html>`;
}
