import { strict as assert } from 'assert';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { activateExtension, Activated, settle, stub, vscode } from '../support/harness';

describe('status bar and timeline', () => {
    let activated: Activated;
    let session: InstanceType<typeof vscode.StubDebugSession>;
    let tracker: any;
    let info: Record<string, unknown> | undefined;

    beforeEach(() => {
        activated = activateExtension();
        session = new vscode.StubDebugSession('s1');
        info = undefined;
        session.respond = async (command) => {
            if (command === 'backstep/info' && info) {
                return info;
            }
            throw new Error(`unknown request ${command}`);
        };
        stub.activate(session);
        tracker = stub.trackerFactories.get('backstep').createDebugAdapterTracker(session);
    });
    afterEach(() => activated.dispose());

    const item = () => {
        const items = stub.statusBarItems.filter((i) => i.id === 'backstep.icount');
        assert.equal(items.length, 1);
        return items[0];
    };
    const stop = (icount: number, reason = 'breakpoint', threadId = 1, extra: Record<string, unknown> = {}) =>
        tracker.onDidSendMessage({
            type: 'event',
            event: 'stopped',
            body: { reason, threadId, description: `Paused on ${reason} at icount ${icount}`, icount, direction: 'forward', ...extra },
        });

    test('hidden until the session stops', () => {
        assert.equal(item().visible, false);
    });

    test('shows the icount from the stopped event', async () => {
        stop(4242);
        assert.equal(item().visible, true);
        assert.equal(item().text, '$(history) icount 4,242');
        assert.match(String(item().tooltip), /Paused on breakpoint at icount 4242/);
        assert.equal(item().command, 'backstep.seek');
        await settle();
    });

    test('asks backstep/info on each stop and shows the recorded length', async () => {
        info = { mode: 'record', icount: 4242, recordedLength: 100000 };
        stop(4242);
        await settle();
        assert.ok(session.requests.some((r) => r.command === 'backstep/info'));
        assert.equal(item().text, '$(history) icount 4,242 / 100,000');
        assert.match(String(item().tooltip), /mode: record/);
    });

    test('a server without backstep/info still gets the icount shown', async () => {
        stop(17);
        await settle();
        assert.equal(item().text, '$(history) icount 17');
        assert.deepEqual(stub.errors, []);
    });

    test('hidden while running, back on the next stop', async () => {
        stop(10);
        tracker.onWillReceiveMessage({ type: 'request', command: 'continue', seq: 5, arguments: { threadId: 1 } });
        assert.equal(item().visible, false);
        stop(20);
        assert.equal(item().text, '$(history) icount 20');
        tracker.onDidSendMessage({ type: 'event', event: 'continued', body: { threadId: 1 } });
        assert.equal(item().visible, false);
        tracker.onWillReceiveMessage({ type: 'request', command: 'stepBack', seq: 6, arguments: { threadId: 1 } });
        stop(19, 'step');
        assert.equal(item().text, '$(history) icount 19');
        await settle();
    });

    test('hidden when the session ends', async () => {
        stop(10);
        tracker.onWillStopSession();
        assert.equal(item().visible, false);
        await settle();
    });

    test('follows the active session; other debuggers hide it', async () => {
        stop(10);
        stub.activate(new vscode.StubDebugSession('py', 'python'));
        assert.equal(item().visible, false);
        stub.activate(session);
        assert.equal(item().visible, true);
        await settle();
    });

    test('the icount comes from the body, not from the description', async () => {
        tracker.onDidSendMessage({ type: 'event', event: 'stopped', body: { reason: 'pause', threadId: 1, icount: 31337, description: 'at icount 1' } });
        assert.equal(item().text, '$(history) icount 31,337');
        await settle();
    });

    test('the recorded length of the stop shows at once, before backstep/info answers', async () => {
        stop(900, 'step', 1, { direction: 'backward', recordedLength: 12345 });
        assert.equal(item().text, '$(history) icount 900 / 12,345');
        assert.match(String(item().tooltip), /direction: backward/);
        await settle();
    });

    test('a custom execution request (generated list) shows running until its stop', async () => {
        stop(10);
        for (const command of ['backstep/seek', 'backstep/runToLine', 'backstep/reverseStepOut', 'backstep/reverseStepIn']) {
            tracker.onWillReceiveMessage({ type: 'request', command, seq: 7, arguments: {} });
            assert.equal(item().visible, false, command);
            stop(11);
            assert.equal(item().visible, true, command);
        }
        await settle();
    });

    test('a restart forgets the stops of the run before', async () => {
        stop(10);
        stop(20);
        tracker.onWillReceiveMessage({ type: 'request', command: 'restart', seq: 8, arguments: {} });
        assert.deepEqual(stub.treeProviders.get('backstep.timeline').getChildren(), []);
        stop(0, 'entry');
        assert.deepEqual(stub.treeProviders.get('backstep.timeline').getChildren().map((s: any) => s.icount), [0]);
        await settle();
    });

    test('the timeline lists the stops newest first with their source line, and clicking seeks', async () => {
        const timeline = stub.treeProviders.get('backstep.timeline');
        assert.ok(timeline, 'the timeline view has a provider');
        stop(100, 'entry');
        tracker.onDidSendMessage({
            type: 'response',
            command: 'stackTrace',
            success: true,
            body: { stackFrames: [{ id: 1, name: 'main', line: 12, column: 1, source: { name: 'hello.c', path: '/w/hello.c' } }] },
        });
        // A later stack trace of the same stop (another frame selected) must not overwrite the stop's line.
        tracker.onDidSendMessage({
            type: 'response',
            command: 'stackTrace',
            success: true,
            body: { stackFrames: [{ id: 2, name: 'puts', line: 80, column: 1, source: { name: 'uart.c' } }] },
        });
        stop(50, 'breakpoint');
        const stops = timeline.getChildren();
        assert.deepEqual(stops.map((s: any) => s.icount), [50, 100]);
        const older = timeline.getTreeItem(stops[1]);
        assert.equal(older.label, 'icount 100');
        assert.equal(older.description, 'entry · hello.c:12');
        assert.deepEqual(older.command, { command: 'backstep.seekTo', title: 'Seek Here', arguments: [100] });
        await settle();

        session.requests.length = 0;
        session.respond = async () => ({});
        await vscode.commands.executeCommand(older.command.command, ...older.command.arguments);
        assert.deepEqual(session.requests, [{ command: 'backstep/seek', args: { icount: 100 } }]);
    });

    test('the timeline is empty for other debuggers', async () => {
        stop(5);
        stub.activate(new vscode.StubDebugSession('py', 'python'));
        assert.deepEqual(stub.treeProviders.get('backstep.timeline').getChildren(), []);
        await settle();
    });
});
