import { strict as assert } from 'assert';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { activateExtension, Activated, settle, stub, vscode } from '../support/harness';

function stoppedEvent(icount: number, threadId = 1, reason = 'breakpoint') {
    return { type: 'event', event: 'stopped', body: { reason, threadId, description: `Paused on ${reason} at icount ${icount}`, icount, direction: 'forward' } };
}

describe('commands', () => {
    let activated: Activated;
    let session: InstanceType<typeof vscode.StubDebugSession>;
    beforeEach(() => {
        activated = activateExtension();
        session = new vscode.StubDebugSession('s1', 'backstep', {
            type: 'backstep',
            request: 'launch',
            name: 't',
            program: '/w/build/fw.elf',
        }, { uri: vscode.Uri.file('/w'), name: 'w', index: 0 });
        stub.activate(session);
    });
    afterEach(() => activated.dispose());

    const run = (id: string, ...args: unknown[]) => vscode.commands.executeCommand(id, ...args);
    const sent = () => session.requests.map((r) => r.command);

    test('all commands of package.json are registered', () => {
        for (const id of ['backstep.seek', 'backstep.seekTo', 'backstep.reverseStepOut', 'backstep.showInfo', 'backstep.saveRecording',
            'backstep.sendInput', 'backstep.reverseRunToCursor']) {
            assert.ok(stub.commands.has(id), id);
        }
    });

    test('Seek sends backstep/seek with the icount typed', async () => {
        stub.inputBoxAnswers.push('12345');
        await run('backstep.seek');
        assert.deepEqual(session.requests, [{ command: 'backstep/seek', args: { icount: 12345 } }]);
    });

    test('Seek accepts hex and digit separators', async () => {
        stub.inputBoxAnswers.push('0x3039', '1_000_000');
        await run('backstep.seek');
        await run('backstep.seek');
        assert.deepEqual(session.requests.map((r) => r.args), [{ icount: 12345 }, { icount: 1000000 }]);
    });

    test('Seek validates the input and proposes the current icount', async () => {
        const tracker = stub.trackerFactories.get('backstep').createDebugAdapterTracker(session);
        tracker.onDidSendMessage(stoppedEvent(777));
        await settle();
        session.requests.length = 0;
        stub.inputBoxAnswers.push(undefined);
        await run('backstep.seek');
        const options = stub.inputBoxOptions[0];
        assert.equal(options.value, '777');
        assert.equal(options.validateInput('42'), undefined);
        assert.match(options.validateInput('-1'), /non-negative whole number/);
        assert.equal(options.validateInput('end'), undefined);
        assert.match(options.validateInput('ten'), /non-negative whole number/);
    });

    test('Seek takes start and end (the recorded length, asked of the server)', async () => {
        session.respond = async (command) => (command === 'backstep/info' ? { recordedLength: 5000 } : {});
        stub.inputBoxAnswers.push('start', ' END ');
        await run('backstep.seek');
        await run('backstep.seek');
        assert.deepEqual(session.requests, [
            { command: 'backstep/seek', args: { icount: 0 } },
            { command: 'backstep/info', args: {} },
            { command: 'backstep/seek', args: { icount: 5000 } },
        ]);
    });

    test('a cancelled Seek sends nothing', async () => {
        stub.inputBoxAnswers.push(undefined);
        await run('backstep.seek');
        assert.deepEqual(sent(), []);
    });

    test('Send Input sends the line typed, with a newline and its escapes', async () => {
        stub.inputBoxAnswers.push('hello', 'a\\tb\\n', undefined);
        await run('backstep.sendInput');
        await run('backstep.sendInput');
        await run('backstep.sendInput');
        assert.deepEqual(session.requests, [
            { command: 'backstep/input', args: { text: 'hello\n' } },
            { command: 'backstep/input', args: { text: 'a\tb\n\n' } },
        ]);
    });

    test('Reverse Run to Cursor sends the line under the cursor, backwards, for the focused thread', async () => {
        vscode.editorState.file = '/w/src/main.c';
        vscode.editorState.line = 41;
        vscode.debug.activeStackItem = { session, threadId: 2, frameId: 1000 };
        await run('backstep.reverseRunToCursor');
        assert.deepEqual(session.requests, [{
            command: 'backstep/runToLine',
            args: { threadId: 2, source: { path: '/w/src/main.c' }, line: 42, reverse: true },
        }]);
    });

    test('Reverse Run to Cursor without an editor says so and sends nothing', async () => {
        vscode.debug.activeStackItem = { session, threadId: 1, frameId: 1000 };
        await run('backstep.reverseRunToCursor');
        assert.deepEqual(sent(), []);
        assert.match(stub.errors[0], /cursor in a source file/);
    });

    test('Seek Here (the timeline) seeks without asking', async () => {
        await run('backstep.seekTo', 99);
        assert.deepEqual(session.requests, [{ command: 'backstep/seek', args: { icount: 99 } }]);
        assert.equal(stub.inputBoxOptions.length, 0);
    });

    test('Reverse Step Out sends the thread the user focused', async () => {
        vscode.debug.activeStackItem = { session, threadId: 3, frameId: 1000 };
        await run('backstep.reverseStepOut');
        assert.deepEqual(session.requests, [{ command: 'backstep/reverseStepOut', args: { threadId: 3 } }]);
    });

    test('Reverse Step Out falls back to the thread that stopped last', async () => {
        const tracker = stub.trackerFactories.get('backstep').createDebugAdapterTracker(session);
        tracker.onDidSendMessage(stoppedEvent(10, 2));
        await settle();
        session.requests.length = 0;
        await run('backstep.reverseStepOut');
        assert.deepEqual(session.requests, [{ command: 'backstep/reverseStepOut', args: { threadId: 2 } }]);
    });

    test('Reverse Step Out without any stopped thread says so', async () => {
        await run('backstep.reverseStepOut');
        assert.deepEqual(sent(), []);
        assert.match(stub.errors[0], /needs a stopped thread/);
    });

    test('Show Recording Info asks backstep/info and shows every figure', async () => {
        session.respond = async (command) => {
            assert.equal(command, 'backstep/info');
            return { mode: 'record', recording: '/tmp/fw.bsrec', icount: 1234, recordedLength: 5000, snapshotCount: 7, snapshotBytes: 3 * 1024 * 1024 };
        };
        await run('backstep.showInfo');
        assert.deepEqual(session.requests, [{ command: 'backstep/info', args: {} }]);
        assert.equal(
            stub.infos[0],
            'Backstep: mode record, recording /tmp/fw.bsrec, icount 1,234, recorded 5,000 instructions, 7 snapshots (3.0 MiB)',
        );
    });

    test('Save Recording As sends the chosen path', async () => {
        stub.saveDialogAnswers.push(vscode.Uri.file('/w/keep.bsrec'));
        await run('backstep.saveRecording');
        assert.deepEqual(session.requests, [{ command: 'backstep/saveRecording', args: { path: '/w/keep.bsrec', overwrite: true } }]);
        assert.match(stub.infos[0], /recording saved to \/w\/keep\.bsrec/);
    });

    test('a cancelled save dialog sends nothing', async () => {
        stub.saveDialogAnswers.push(undefined);
        await run('backstep.saveRecording');
        assert.deepEqual(sent(), []);
    });

    test('a failing request becomes an error message, not an exception', async () => {
        session.respond = async () => {
            throw new Error('icount 999999 is beyond the end of the recording');
        };
        await run('backstep.seekTo', 999999);
        assert.deepEqual(stub.errors, ['Backstep: seek failed: icount 999999 is beyond the end of the recording']);
    });

    test('without a Backstep session the commands say so and send nothing', async () => {
        const other = new vscode.StubDebugSession('py', 'python');
        stub.activate(other);
        stub.inputBoxAnswers.push('5');
        await run('backstep.seek');
        await run('backstep.showInfo');
        assert.equal(other.requests.length, 0);
        assert.equal(stub.errors.length, 2);
        assert.match(stub.errors[0], /no Backstep debug session is active/);
    });
});
