import { strict as assert } from 'assert';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { activateExtension, Activated, settle, stub, vscode } from '../support/harness';
import { expressionOf, labelOf, plotPoints, tooltipOf } from '../../src/history/historyModel';
import { requestFor } from '../../src/history/historyCommands';
import { plotHtml } from '../../src/history/historyPlot';
import type { HistoryEntry, HistoryResponse } from '../../src/protocol/backstepProtocol';

const write = (icount: number, oldValue: string, value: string, line: number): HistoryEntry => ({
    icount, before: icount - 1, pc: '0x800005ac', function: line === 26 ? 'configure' : 'smooth_window',
    path: '/w/corrupt.c', line, oldValue, value, changed: oldValue !== value, number: Number(value),
});

const page1: HistoryResponse = {
    kind: 'values', subject: 'config.alarm_limit (4 bytes at 0x80000f9c)', type: 'int32_t', initial: '0',
    entries: [write(86, '0', '75', 26), write(3473, '75', '43', 51)], next: 3473,
};
const page2: HistoryResponse = {
    kind: 'values', subject: page1.subject, type: 'int32_t', initial: '43', entries: [write(12943, '43', '5', 51)],
};

describe('history', () => {
    let activated: Activated;
    let session: InstanceType<typeof vscode.StubDebugSession>;
    beforeEach(() => {
        activated = activateExtension();
        session = new vscode.StubDebugSession('s1');
        stub.activate(session);
    });
    afterEach(() => activated.dispose());

    const run = (id: string, ...args: unknown[]) => vscode.commands.executeCommand(id, ...args);
    const rows = () => stub.treeProviders.get('backstep.history').getChildren();
    const item = (row: unknown) => stub.treeProviders.get('backstep.history').getTreeItem(row);

    test('the lvalue of a Variables or Watch entry, whichever shape VS Code passes', () => {
        assert.equal(expressionOf({ variable: { name: 'alarm_limit', evaluateName: 'config.alarm_limit' } }), 'config.alarm_limit');
        assert.equal(expressionOf({ variable: { name: 'n' } }), 'n');
        assert.equal(expressionOf({ expression: { name: 'window[7]' } }), 'window[7]');
        assert.equal(expressionOf({ expression: 'alarms' }), 'alarms');
        assert.equal(expressionOf(undefined), undefined);
        assert.equal(expressionOf({ variable: { name: ' ' } }), undefined);
    });

    test('requests: an expression in the focused frame or a data id; a line or a function, with paging', () => {
        assert.deepEqual(requestFor({ kind: 'values', expression: 'x', frameId: 3 }),
            { command: 'backstep/history', args: { expression: 'x', frameId: 3, maxEntries: 500 } });
        assert.deepEqual(requestFor({ kind: 'values', expression: 'x', dataId: '0x80000f9c/4 x' }, 99),
            { command: 'backstep/history', args: { dataId: '0x80000f9c/4 x', maxEntries: 500, from: 99 } });
        assert.deepEqual(requestFor({ kind: 'hits', path: '/w/a.c', line: 35, expression: 'i' }),
            { command: 'backstep/hits', args: { source: { path: '/w/a.c' }, line: 35, maxEntries: 500, expression: 'i' } });
        assert.deepEqual(requestFor({ kind: 'hits', functionName: 'main' }, 7),
            { command: 'backstep/hits', args: { function: 'main', maxEntries: 500, from: 7 } });
    });

    test('Show Value History lists the writes; a click goes just after one, the menu item just before it', async () => {
        session.respond = async (command) => (command === 'backstep/history' ? page1 : {});
        await run('backstep.showValueHistory', { variable: { name: 'alarm_limit', evaluateName: 'config.alarm_limit' } });
        assert.deepEqual(session.requests[0], { command: 'backstep/history', args: { expression: 'config.alarm_limit', frameId: undefined, maxEntries: 500 } });
        const r = rows();
        assert.equal(r.length, 3, 'two writes and "load more"');
        const first = item(r[0]);
        assert.equal(first.label, '1. 0 → 75');
        assert.match(first.description, /icount 86 · configure \(corrupt.c:26\)/);
        assert.match(first.tooltip, /just after the write \(icount 86\).*icount 85/s);
        assert.equal(first.contextValue, 'backstepWrite');
        assert.equal(stub.treeViews.get('backstep.history')?.message?.startsWith('Value history of config.alarm_limit'), true);

        await run(first.command.command, ...first.command.arguments);
        await run('backstep.history.goToBefore', r[0]);
        assert.deepEqual(session.requests.slice(1), [
            { command: 'backstep/seek', args: { icount: 86 } },
            { command: 'backstep/seek', args: { icount: 85 } },
        ]);

        // the next page goes on where the first ended
        session.respond = async () => page2;
        await run(item(r[2]).command.command);
        assert.deepEqual(session.requests[3], { command: 'backstep/history', args: { expression: 'config.alarm_limit', frameId: undefined, maxEntries: 500, from: 3473 } });
        assert.equal(rows().length, 3, 'three writes, no more');
    });

    test('numeric values are plotted with Chart.js; a click on a point goes there', async () => {
        session.respond = async (command) => (command === 'backstep/history' ? page1 : {});
        await run('backstep.showValueHistory', { variable: { evaluateName: 'config.alarm_limit' } });
        assert.equal(stub.webviewPanels.length, 1);
        const panel = stub.webviewPanels[0];
        assert.match(panel.webview.html, /out\/media\/chart\.umd\.js/);
        assert.match(panel.webview.html, /"icount":3473/);
        assert.match(panel.title, /Value history of config.alarm_limit/);
        panel.received.fire({ type: 'goto', icount: 3473 });
        panel.received.fire({ type: 'goto', icount: 'nonsense' });
        await settle();
        assert.deepEqual(session.requests.slice(1), [{ command: 'backstep/seek', args: { icount: 3473 } }]);
    });

    test('Show Line History asks for an expression and lists the hits of the line under the cursor', async () => {
        vscode.editorState.file = '/w/corrupt.c';
        vscode.editorState.line = 34;
        stub.inputBoxAnswers.push('i');
        const hits: HistoryResponse = {
            kind: 'hits', subject: 'corrupt.c:35 with i', type: 'int',
            entries: [0, 1].map((k) => ({ icount: 100 + k, before: 100 + k, pc: '0x80000500', function: 'shift_window', path: '/w/corrupt.c', line: 35, value: String(k), number: k })),
        };
        session.respond = async () => hits;
        await run('backstep.showLineHistory');
        assert.deepEqual(session.requests[0], { command: 'backstep/hits', args: { source: { path: '/w/corrupt.c' }, line: 35, maxEntries: 500, expression: 'i' } });
        const r = rows();
        assert.equal(r.length, 2);
        assert.equal(item(r[1]).label, '2. 1');
        assert.equal(item(r[1]).contextValue, 'backstepHit');
        assert.match(tooltipOf(hits.entries[1], 'hits'), /before the line runs/);
    });

    test('a failed query says why and leaves the view as it was', async () => {
        session.respond = async () => {
            throw new Error('no value history for nope: no symbol "nope" in the current context');
        };
        await run('backstep.showValueHistory', { variable: { evaluateName: 'nope' } });
        assert.match(stub.errors[0], /value history failed: no value history for nope/);
        assert.equal(rows().length, 0);
    });

    test('labels, points and the page are escaped and only numbers are plotted', () => {
        assert.equal(labelOf(write(5, '1', '1', 51), 'values'), '1 → 1 (same value)');
        const noNumber = { ...write(6, 'a', 'b', 51), number: undefined };
        assert.equal(plotPoints([write(5, '1', '2', 51), noNumber], 'values').length, 1);
        const html = plotHtml('<x>', [{ x: 1, y: 2, icount: 1, label: '</script><b>' }], true, 'u', 'csp', 'n0nce');
        assert.doesNotMatch(html, /<\/script><b>/);
        assert.match(html, /&lt;x&gt;/);
        assert.match(html, /script-src 'nonce-n0nce'/);
    });
});
