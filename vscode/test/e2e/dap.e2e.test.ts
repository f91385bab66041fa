/**
 * The Backstep DAP server, as shipped inside the .vsix, driven by the client
 * VS Code's own adapters are tested with. Written against the DAP
 * specification and DESIGN.md; skipped (with the reason) until the jar has
 * a `dap` command.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { afterEach, before, describe, test } from 'node:test';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { vscode } from '../support/harness';
import { BackstepAdapterFactory } from '../../src/adapter/adapterFactory';
import { stopTimeOf } from '../../src/protocol/stopTime';
import { DapSession } from './dapSession';
import { findPrerequisites, Prerequisites } from './prerequisites';

const found = findPrerequisites();
const skip = found.ok ? false : `DAP end-to-end suite skipped: ${found.reason}`;
if (skip) {
    console.log(skip);
}

/** The first line of hello.c that matches: the breakpoints of these tests. */
function lineOf(helloC: string, pattern: RegExp, what: string): number {
    const lines = fs.readFileSync(helloC, 'utf8').split('\n');
    const index = lines.findIndex((l) => pattern.test(l));
    assert.ok(index >= 0, `hello.c has ${what}`);
    return index + 1;
}

function icountOf(event: DebugProtocol.Event): number {
    const icount = stopTimeOf(event.body).icount;
    assert.notEqual(icount, undefined, `stopped event carries an icount field: ${JSON.stringify(event.body)}`);
    assert.ok(event.body.description.includes(`icount ${icount}`), `and says it: ${event.body.description}`);
    return icount!;
}

/** Each test skips on its own, so that the runner counts them as skipped. */
const it = (name: string, body: () => Promise<void>) => test(name, { skip }, body);

describe('Backstep DAP server (end to end)', () => {
    let prerequisites: Prerequisites;
    let dap: DapSession | undefined;
    let bpLine: number;
    let returnLine: number;

    before(() => {
        if (!found.ok) {
            return;
        }
        prerequisites = (found as { ok: true; value: Prerequisites }).value;
        bpLine = lineOf(prerequisites.helloC, /\bprintf\s*\(/, 'a printf call');
        returnLine = lineOf(prerequisites.helloC, /\breturn\b/, 'a return statement');
    });
    afterEach(async () => {
        await dap?.stop();
        dap = undefined;
    });

    /** Starts the server exactly as the installed extension would: with the command its adapter factory returns. */
    const startServer = async () => {
        const factory = new BackstepAdapterFactory({
            extensionPath: prerequisites.extensionDir,
            settingJavaHome: () => undefined,
            env: process.env,
        });
        const session = new vscode.StubDebugSession('e2e', 'backstep', launchArgs());
        const descriptor = (await factory.createDebugAdapterDescriptor(session as never)) as unknown as InstanceType<typeof vscode.DebugAdapterExecutable>;
        assert.deepEqual(descriptor.args, ['-jar', prerequisites.jar, 'dap']);
        return (dap = await DapSession.start(descriptor.command, descriptor.args, prerequisites.scratch));
    };
    const launchArgs = (extra: Record<string, unknown> = {}) => ({
        type: 'backstep',
        request: 'launch',
        name: 'e2e',
        program: prerequisites.helloElf,
        mode: 'record',
        stopOnEntry: true,
        ...extra,
    });

    async function topFrame(session: DapSession, threadId: number): Promise<DebugProtocol.StackFrame> {
        const trace = await session.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId, startFrame: 0, levels: 20 });
        assert.ok(trace.body.stackFrames.length > 0, 'a stopped thread has frames');
        return trace.body.stackFrames[0];
    }

    /** Launches hello.elf with a breakpoint on printf, stopped on entry. Returns the stop. */
    async function launchStoppedOnEntry(session: DapSession, extra: Record<string, unknown> = {}) {
        const [verified] = await session.launch(launchArgs(extra), [{ path: prerequisites.helloC, lines: [bpLine] }]);
        const entry = await session.events.next('stopped');
        assert.equal(entry.body.reason, 'entry');
        assert.equal(icountOf(entry), 0);
        return { entry, breakpoint: verified[0] };
    }

    /**
     * The stop (or the end of the session) an execution request leads to. `exited` is not one: at the program's
     * end the server sends stopped (reason "exited") and then exited, and the session stays so that the user can
     * go back in time; only `terminated` would end it.
     */
    async function runTo(session: DapSession, command: string, args: object): Promise<DebugProtocol.Event> {
        await session.request(command, args);
        return session.events.next(['stopped', 'terminated']);
    }

    it('initialize answers supportsStepBack and the requests the clients use', async () => {
        const session = await startServer();
        const capabilities = await session.initialize();
        assert.equal(capabilities.supportsStepBack, true);
        assert.equal(capabilities.supportsConfigurationDoneRequest, true);
        assert.equal(capabilities.supportsDisassembleRequest, true);
    });

    it('a breakpoint on a C line is verified and hit; stepping back goes back in time', async () => {
        const session = await startServer();
        const { entry, breakpoint } = await launchStoppedOnEntry(session);
        assert.equal(breakpoint.verified, true, `breakpoint at hello.c:${bpLine} verified`);
        const threadId = entry.body.threadId ?? 1;
        const line = breakpoint.line ?? bpLine;

        const hit = await runTo(session, 'continue', { threadId });
        assert.equal(hit.event, 'stopped');
        assert.equal(hit.body.reason, 'breakpoint');
        const hitIcount = icountOf(hit);
        assert.ok(hitIcount > 0);
        const frame = await topFrame(session, threadId);
        assert.equal(path.basename(frame.source?.path ?? ''), 'hello.c');
        assert.equal(frame.line, line);

        // The printf line is main's first statement: step back from the statement after it, over the call.
        const [returnBp] = (
            await session.request<DebugProtocol.SetBreakpointsResponse>('setBreakpoints', {
                source: { path: prerequisites.helloC },
                breakpoints: [{ line: bpLine }, { line: returnLine }],
            })
        ).body.breakpoints.slice(1);
        assert.equal(returnBp.verified, true, `breakpoint at hello.c:${returnLine} verified`);
        const after = await runTo(session, 'continue', { threadId });
        assert.equal(after.body.reason, 'breakpoint');
        const afterIcount = icountOf(after);
        assert.ok(afterIcount > hitIcount);
        assert.equal((await topFrame(session, threadId)).line, returnBp.line ?? returnLine);

        // stepBack without granularity: one statement back, over printf, to the start of the printf line.
        const back = await runTo(session, 'stepBack', { threadId });
        assert.equal(back.event, 'stopped');
        const backIcount = icountOf(back);
        assert.ok(backIcount < afterIcount, `stepBack went back: ${backIcount} < ${afterIcount}`);
        assert.equal(backIcount, hitIcount, 'back where the printf line began');
        const backFrame = await topFrame(session, threadId);
        assert.equal(path.basename(backFrame.source?.path ?? ''), 'hello.c');
        assert.equal(backFrame.line, line, 'the previous statement');

        // stepBack by one instruction: exactly one instruction earlier.
        const instruction = await runTo(session, 'stepBack', { threadId, granularity: 'instruction' });
        assert.equal(instruction.event, 'stopped');
        assert.equal(icountOf(instruction), backIcount - 1);

        // Forward again: the same breakpoints at the same icounts (the replay is exact).
        const again = await runTo(session, 'continue', { threadId });
        assert.equal(again.body.reason, 'breakpoint');
        assert.equal(icountOf(again), hitIcount);
        const againAfter = await runTo(session, 'continue', { threadId });
        assert.equal(againAfter.body.reason, 'breakpoint');
        assert.equal(icountOf(againAfter), afterIcount);
    });

    it('reverseContinue from the only hit runs back to the start of the recording, and no further', async () => {
        const session = await startServer();
        const { entry } = await launchStoppedOnEntry(session);
        const threadId = entry.body.threadId ?? 1;
        const hit = await runTo(session, 'continue', { threadId });
        assert.equal(hit.body.reason, 'breakpoint');

        const atStart = await runTo(session, 'reverseContinue', { threadId });
        assert.equal(atStart.event, 'stopped');
        assert.equal(icountOf(atStart), 0);
        assert.match(String(atStart.body.description), /start/i);

        // At the start of history a step back stops at once (or is refused): it never hangs, never goes below 0.
        let refused = false;
        try {
            await session.request('stepBack', { threadId });
        } catch {
            refused = true;
        }
        if (!refused) {
            const still = await session.events.next(['stopped', 'terminated', 'exited']);
            assert.equal(still.event, 'stopped');
            assert.equal(icountOf(still), 0);
        }
    });

    it('variables and registers can be read at a stop', async () => {
        const session = await startServer();
        const { entry } = await launchStoppedOnEntry(session);
        const threadId = entry.body.threadId ?? 1;
        await runTo(session, 'continue', { threadId });
        const frame = await topFrame(session, threadId);
        const scopes = await session.request<DebugProtocol.ScopesResponse>('scopes', { frameId: frame.id });
        assert.ok(scopes.body.scopes.length > 0, 'at least one scope');
        const names: string[] = [];
        for (const scope of scopes.body.scopes) {
            const variables = await session.request<DebugProtocol.VariablesResponse>('variables', {
                variablesReference: scope.variablesReference,
            });
            names.push(...variables.body.variables.map((v) => v.name));
        }
        assert.ok(
            names.some((n) => /^(pc|ra|sp|x1|x2)$/.test(n)),
            `the registers are among the variables: ${names.join(', ')}`,
        );
    });

    it('disassemble around the current instruction', async () => {
        const session = await startServer();
        const { entry } = await launchStoppedOnEntry(session);
        const threadId = entry.body.threadId ?? 1;
        await runTo(session, 'continue', { threadId });
        const frame = await topFrame(session, threadId);
        assert.ok(frame.instructionPointerReference, 'frames carry instructionPointerReference');
        const result = await session.request<DebugProtocol.DisassembleResponse>('disassemble', {
            memoryReference: frame.instructionPointerReference,
            instructionOffset: -4,
            instructionCount: 12,
            resolveSymbols: true,
        });
        const instructions = result.body?.instructions ?? [];
        assert.equal(instructions.length, 12);
        for (const instruction of instructions) {
            assert.match(instruction.address, /^(0x)?[0-9a-fA-F]+$/);
            assert.ok(instruction.instruction.length > 0);
        }
    });

    it('running to the end stops with a clear reason; output comes once, even when history is replayed', async () => {
        const session = await startServer();
        const expected = fs.readFileSync(prerequisites.helloExpected, 'utf8');
        await session.launch(launchArgs());
        const entry = await session.events.next('stopped');
        const threadId = entry.body.threadId ?? 1;

        // The program's end is a stop (so that the user can step back), followed by `exited`; no `terminated`.
        const end = await runTo(session, 'continue', { threadId });
        assert.equal(end.event, 'stopped', 'the session stays at the end of the program');
        assert.equal(end.body.reason, 'exited');
        assert.match(String(end.body.description), /end|exit/i, 'the stop at the end says why');
        const exited = await session.events.next('exited');
        assert.ok(exited.seq > end.seq, 'exited follows the stop');
        assert.equal(exited.body.exitCode, 0);
        const endIcount = icountOf(end);
        assert.equal(session.events.output().replace(/\r\n/g, '\n'), expected);

        const atStart = await runTo(session, 'reverseContinue', { threadId });
        assert.equal(atStart.event, 'stopped');
        assert.equal(icountOf(atStart), 0);
        const endAgain = await runTo(session, 'continue', { threadId });
        assert.equal(endAgain.event, 'stopped');
        assert.equal(icountOf(endAgain), endIcount);
        assert.equal(session.events.output().replace(/\r\n/g, '\n'), expected, 'replayed output is not shown again');
        assert.equal(session.events.all('terminated').length, 0, 'nothing ended the session');
    });

    it('custom requests: info, seek, save a recording and replay it to its end', async () => {
        // No `recording` at launch (what VS Code users get by default): the server keeps it in memory and saves it on request.
        const recording = path.join(prerequisites.scratch, 'hello.bsr');
        let endIcount: number;
        {
            const session = await startServer();
            const { entry } = await launchStoppedOnEntry(session);
            const threadId = entry.body.threadId ?? 1;
            const hit = await runTo(session, 'continue', { threadId });
            const hitIcount = icountOf(hit);

            const info = await session.request<DebugProtocol.Response>('backstep/info', {});
            assert.equal(info.body.mode, 'record');
            assert.equal(info.body.icount, hitIcount);
            assert.ok(info.body.recordedLength >= hitIcount);
            assert.equal(typeof info.body.snapshotCount, 'number');
            assert.equal(typeof info.body.snapshotBytes, 'number');

            await session.request('backstep/seek', { icount: 5 });
            const seeked = await session.events.next('stopped');
            assert.equal(icountOf(seeked), 5);

            await session.request('setBreakpoints', { source: { path: prerequisites.helloC }, breakpoints: [] });
            const end = await runTo(session, 'continue', { threadId });
            assert.equal(end.event, 'stopped');
            endIcount = icountOf(end);

            // reverse step out of main, from its return: to the state just before the call of main, in crt0.S
            // (the printf line's breakpoint is main's first instruction, so main was entered at hitIcount)
            await session.request('setBreakpoints', { source: { path: prerequisites.helloC }, breakpoints: [{ line: returnLine }] });
            const atReturn = await runTo(session, 'reverseContinue', { threadId });
            assert.equal(atReturn.body.reason, 'breakpoint');
            assert.ok(icountOf(atReturn) > hitIcount);
            const out = await runTo(session, 'backstep/reverseStepOut', { threadId });
            assert.equal(out.event, 'stopped');
            assert.equal(icountOf(out), hitIcount - 1);
            const caller = await topFrame(session, threadId);
            assert.equal(path.basename(caller.source?.path ?? ''), 'crt0.S', `the caller of main: ${JSON.stringify(caller)}`);

            await session.request('backstep/saveRecording', { path: recording });
            assert.ok(fs.existsSync(recording), 'the recording file was written');
            await session.stop();
            dap = undefined;
        }
        const session = await startServer();
        await session.launch(launchArgs({ mode: 'replay', recording }));
        const entry = await session.events.next('stopped');
        const threadId = entry.body.threadId ?? 1;
        const info = await session.request<DebugProtocol.Response>('backstep/info', {});
        assert.equal(info.body.mode, 'replay');
        assert.equal(info.body.recordedLength, endIcount);
        const end = await runTo(session, 'continue', { threadId });
        assert.equal(end.event, 'stopped');
        // the recording ends with the program's exit: the replay reaches it, with the same exit code
        assert.equal(end.body.reason, 'exited');
        assert.match(String(end.body.description), /end|exit/i, 'replay stops at the end of the recording and says why');
        assert.equal(icountOf(end), endIcount);
        assert.equal((await session.events.next('exited')).body.exitCode, 0);
        assert.equal(session.events.output().replace(/\r\n/g, '\n'), fs.readFileSync(prerequisites.helloExpected, 'utf8'),
            'the replay shows the program output');
    });

    it('with consoleInput, a program waiting for input waits; Send Input (backstep/input) feeds it live', async () => {
        const session = await startServer();
        const echoElf = path.join(path.dirname(prerequisites.helloElf), 'echo.elf');
        await session.launch(launchArgs({ program: echoElf, stopOnEntry: false, consoleInput: true }));
        // the program sleeps in wfi for input: running, no stop, until the line the command sends arrives
        await session.request('backstep/input', { text: 'rev backstep\n' });
        const deadline = Date.now() + 60000;
        while (!session.events.output().includes('petskcab') && Date.now() < deadline) {
            await new Promise((r) => setTimeout(r, 50));
        }
        assert.match(session.events.output(), /petskcab/, `the program answered the line: ${session.events.output()}`);
        await session.request('backstep/input', { text: 'quit\n' });
        const end = await session.events.next('stopped');
        assert.equal(end.body.reason, 'exited');
        // the input is part of the recording: going back and forth shows the same answer, not repeated
        const threadId = end.body.threadId ?? 1;
        const back = await runTo(session, 'reverseContinue', { threadId });
        assert.equal(icountOf(back), 0);
        const again = await runTo(session, 'continue', { threadId });
        assert.equal(again.body.reason, 'exited');
        assert.equal(session.events.output().split('petskcab').length - 1, 1, 'output is never repeated');
    });

    it('backstep/runToLine runs back to the last time a line ran, and forward again (Reverse Run to Cursor)', async () => {
        const session = await startServer();
        const [verified] = await session.launch(launchArgs(), [{ path: prerequisites.helloC, lines: [returnLine] }]);
        const entry = await session.events.next('stopped');
        const threadId = entry.body.threadId ?? 1;
        const atReturn = await runTo(session, 'continue', { threadId });
        assert.equal(atReturn.body.reason, 'breakpoint');
        const returnIcount = icountOf(atReturn);

        const back = await runTo(session, 'backstep/runToLine', { threadId, source: { path: prerequisites.helloC }, line: bpLine, reverse: true });
        assert.equal(back.event, 'stopped');
        assert.ok(icountOf(back) < returnIcount, `went back: ${icountOf(back)} < ${returnIcount}`);
        assert.equal((await topFrame(session, threadId)).line, bpLine);
        assert.match(String(back.body.description), /reverse run to hello\.c:/);

        const forward = await runTo(session, 'backstep/runToLine', { threadId, source: { path: prerequisites.helloC }, line: verified[0].line ?? returnLine });
        assert.equal(icountOf(forward), returnIcount, 'forward again to the same instruction count');
    });
});
