'use strict';
// The end-to-end scenarios, run once per transport by stdio.test.js and tcp.test.js.
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { describe, it, before, after, afterEach } = require('node:test');
const S = require('./support');

const EXPECTED_OUTPUT = fs.readFileSync(`${S.EXAMPLES}/corrupt.expected`, 'utf8');
const LINE_CHECK = 67;      // if (config.alarm_limit != 75)
const LINE_SAMPLE = 61;     // printf("sample ...") every 10 samples
const LINE_SMOOTH = 51;     // p[1] = (p[0] + p[1]) / 2;  -- writes past the window into config
const LINE_CALL_SMOOTH = 60;

function defineScenarios(makeTransport) {
    const reason = S.skipReason();
    const transport = makeTransport();
    describe(`backstep dap over ${transport.name}`, { skip: reason || false }, () => {
        const open = [];

        before(async () => {
            if (transport.start) {
                await transport.start();
            }
        });

        after(async () => {
            await transport.shutdown();
        });

        afterEach(async () => {
            while (open.length) {
                const s = open.pop();
                await S.within(s.dc.stop(), 'disconnect').catch(() => {});
                assert.deepEqual(s.traffic.problems, [], 'every message matches the DAP schema');
                assert.ok(s.traffic.counts.checked > 0);
                for (const m of s.traffic.received.filter(m => m.type === 'event' && m.event === 'stopped')) {
                    assert.match(m.body.description, /icount \d+/, 'every stop says its icount');
                }
                assertResponsesBeforeStops(s.traffic.received);
            }
            if (transport.alive) {
                assert.ok(transport.alive(), 'the TCP server survives its clients');
            }
        });

        async function session({ stopOnEntry = true, lines = [], launch = null } = {}) {
            const dc = await transport.connect();
            const traffic = S.validateTraffic(dc);
            const s = { dc, traffic, stdout: [] };
            open.push(s);
            dc.on('output', e => {
                if (e.body.category === 'stdout') {
                    s.stdout.push(e.body.output);
                }
            });
            const initialized = dc.waitForEvent('initialized');
            const caps = await S.within(dc.initializeRequest({
                adapterID: 'backstep', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path',
                supportsProgressReporting: true,
            }), 'initialize');
            assert.equal(caps.body.supportsStepBack, true);
            const args = launch || { program: S.CORRUPT_ELF, stopOnEntry, ram: '128M', snapshotBudget: '256M' };
            await S.within(dc.launchRequest({ ...args, ...(transport.launchExtras ? transport.launchExtras() : {}) }), 'launch');
            await S.within(initialized, 'initialized');
            if (lines.length) {
                await setLines(dc, lines);
            }
            const stopped = dc.waitForEvent('stopped');
            await S.within(dc.configurationDoneRequest(), 'configurationDone');
            s.first = (await S.within(stopped, 'the first stop')).body;
            return s;
        }

        it('stops at a breakpoint on a C line', async () => {
            const s = await session({ stopOnEntry: false, lines: [LINE_CHECK] });
            assert.equal(s.first.reason, 'breakpoint');
            assert.equal((await top(s.dc)).line, LINE_CHECK);
        });

        it('continues from entry to a breakpoint', async () => {
            const s = await session({ lines: [LINE_CHECK] });
            assert.equal(s.first.reason, 'entry');
            const stop = await act(s.dc, 'continue', { threadId: 1 });
            assert.equal(stop.reason, 'breakpoint');
            assert.equal((await top(s.dc)).line, LINE_CHECK);
        });

        it('steps back at source level (no granularity) and by one instruction', async () => {
            const s = await session({ stopOnEntry: false, lines: [LINE_CHECK] });
            const before = await icount(s.dc);
            const stop = await act(s.dc, 'stepBack', { threadId: 1 });
            assert.match(stop.description, /back/i);
            const line = (await top(s.dc)).line;
            assert.ok(line < LINE_CHECK && line >= 57, `a reverse step over lands on an earlier line of main, got ${line}`);
            assert.ok((await icount(s.dc)) < before);

            const at = await icount(s.dc);
            const one = await act(s.dc, 'stepBack', { threadId: 1, granularity: 'instruction' });
            assert.match(one.description, new RegExp(`icount ${at - 1}\\b`));
            assert.equal(await icount(s.dc), at - 1);
        });

        it('reverse-continues across several breakpoints down to the start of the recording', async () => {
            const s = await session({ stopOnEntry: false, lines: [LINE_SAMPLE, LINE_CHECK] });
            const forward = [];
            for (let i = 0; i < 5; i++) {
                const stop = s.first && i === 0 ? s.first : await act(s.dc, 'continue', { threadId: 1 });
                forward.push([(await top(s.dc)).line, await icount(s.dc), stop.reason]);
            }
            assert.deepEqual(forward.map(f => f[0]), [LINE_SAMPLE, LINE_SAMPLE, LINE_SAMPLE, LINE_SAMPLE, LINE_CHECK]);
            let last = await icount(s.dc);
            for (let i = 3; i >= 0; i--) {
                const stop = await act(s.dc, 'reverseContinue', { threadId: 1 });
                assert.equal(stop.reason, 'breakpoint');
                const now = await icount(s.dc);
                assert.equal(now, forward[i][1], 'lands exactly where the forward run stopped');
                assert.ok(now < last);
                last = now;
            }
            const start = await act(s.dc, 'reverseContinue', { threadId: 1 });
            assert.match(start.description, /start/i);
            assert.equal(await icount(s.dc), 0);
        });

        it('finds the line that wrote a value: data breakpoint + reverseContinue, then reverse step out', async () => {
            const s = await session({ stopOnEntry: false, lines: [LINE_CHECK] });
            const frame = await top(s.dc);
            const value = await s.dc.evaluateRequest({ expression: 'config.alarm_limit', frameId: frame.id, context: 'watch' });
            assert.equal(value.body.result, '5');
            const info = await s.dc.send('dataBreakpointInfo', { name: 'config.alarm_limit', frameId: frame.id });
            assert.ok(info.body.dataId, info.body.description);
            const set = await s.dc.send('setDataBreakpoints', { breakpoints: [{ dataId: info.body.dataId, accessType: 'write' }] });
            assert.equal(set.body.breakpoints[0].verified, true);
            const stop = await act(s.dc, 'reverseContinue', { threadId: 1 });
            assert.equal(stop.reason, 'data breakpoint');
            const writer = await top(s.dc);
            assert.equal(writer.name, 'smooth_window');
            assert.equal(writer.line, LINE_SMOOTH);

            const out = await act(s.dc, 'backstep/reverseStepOut', { threadId: 1 });
            assert.match(out.description, /icount \d+/);
            const caller = await top(s.dc);
            assert.equal(caller.name, 'main');
            assert.equal(caller.line, LINE_CALL_SMOOTH);
        });

        it('shows variables and evaluates for hover, watch and repl', async () => {
            const s = await session({ stopOnEntry: false, lines: [LINE_CHECK] });
            const frame = await top(s.dc);
            const scopes = (await s.dc.scopesRequest({ frameId: frame.id })).body.scopes;
            const names = scopes.map(x => x.name);
            for (const want of ['Locals', 'Globals', 'Registers']) {
                assert.ok(names.some(n => n.startsWith(want)), `scope ${want} in ${names}`);
            }
            const globals = scopes.find(x => x.name.startsWith('Globals'));
            const vars = (await s.dc.variablesRequest({ variablesReference: globals.variablesReference })).body.variables;
            const config = vars.find(v => v.name === 'config');
            assert.ok(config && config.variablesReference > 0, 'config is a structure');
            const members = (await s.dc.variablesRequest({ variablesReference: config.variablesReference, format: { hex: true } })).body.variables;
            const limit = members.find(v => v.name === 'alarm_limit');
            assert.match(limit.value, /^0x0*5$/);
            const registers = scopes.find(x => x.name.startsWith('Registers'));
            const regs = (await s.dc.variablesRequest({ variablesReference: registers.variablesReference })).body.variables;
            assert.ok(regs.some(r => r.name === 'pc'));
            for (const context of ['hover', 'watch', 'repl']) {
                const r = await s.dc.evaluateRequest({ expression: 'alarms', frameId: frame.id, context });
                assert.equal(r.body.result, '9');
            }
            await assert.rejects(s.dc.evaluateRequest({ expression: 'no_such_thing', frameId: frame.id, context: 'watch' }));
        });

        it('disassembles around the pc and reads memory', async () => {
            const s = await session({ stopOnEntry: false, lines: [LINE_CHECK] });
            const frame = await top(s.dc);
            const pc = Number(frame.instructionPointerReference);
            const dis = await s.dc.send('disassemble', { memoryReference: frame.instructionPointerReference, instructionOffset: -3, instructionCount: 8, resolveSymbols: true });
            assert.equal(dis.body.instructions.length, 8);
            const here = dis.body.instructions.find(i => Number(i.address) === pc);
            assert.ok(here, 'the pc is among the instructions');
            assert.ok(here.instruction.length > 0);

            const value = await s.dc.evaluateRequest({ expression: 'config.alarm_limit', frameId: frame.id, context: 'watch' });
            assert.ok(value.body.memoryReference, 'a variable in memory has a memory reference');
            const mem = await s.dc.send('readMemory', { memoryReference: value.body.memoryReference, count: 4 });
            assert.equal(Buffer.from(mem.body.data, 'base64').readInt32LE(0), 5);
        });

        it('stops clearly at the start and the end of history, and never hangs', async () => {
            const s = await session({ stopOnEntry: true });
            assert.equal(s.first.reason, 'entry');
            const start = await act(s.dc, 'stepBack', { threadId: 1 });
            assert.match(start.description, /start/i);
            const end = await act(s.dc, 'continue', { threadId: 1 });
            assert.match(end.description, /exit/i);
            const again = await act(s.dc, 'continue', { threadId: 1 });
            assert.match(again.description, /exit|end/i);
            const next = await act(s.dc, 'next', { threadId: 1 });
            assert.match(next.description, /icount \d+/);
        });

        it('reports the program output once, however often history is replayed', async () => {
            const s = await session({ stopOnEntry: true });
            await act(s.dc, 'continue', { threadId: 1 });
            await act(s.dc, 'backstep/seek', { icount: 0 });
            assert.equal(await icount(s.dc), 0);
            await act(s.dc, 'continue', { threadId: 1 });
            await act(s.dc, 'reverseContinue', { threadId: 1 });
            await act(s.dc, 'continue', { threadId: 1 });
            assert.equal(s.stdout.join(''), EXPECTED_OUTPUT);
        });

        it('ends the program with a stop and an exit code, then saves the recording kept in memory and replays it', async () => {
            const tmp = S.scratchDir('backstep-dap-e2e-');
            const dir = tmp.dir;
            try {
                const file = path.join(dir, 'corrupt.bsr');
                const s = await session({ stopOnEntry: true });
                assert.equal((await s.dc.send('backstep/info')).body.recording, undefined, 'no recording file at launch');
                const exitedEvent = s.dc.waitForEvent('exited');
                const end = await act(s.dc, 'continue', { threadId: 1 });
                assert.equal(end.reason, 'exited');
                const exitCode = (await S.within(exitedEvent, 'exited after the stop at the end')).body.exitCode;
                assert.match(end.description, new RegExp(`code ${exitCode}\\b`));
                const endIcount = await icount(s.dc);
                assert.ok(!s.traffic.received.some(m => m.type === 'event' && m.event === 'terminated'), 'the session stays');
                const back = await act(s.dc, 'stepBack', { threadId: 1, granularity: 'instruction' });
                assert.match(back.description, new RegExp(`icount ${endIcount - 1}\\b`), 'the user can step back from the end');

                await S.within(s.dc.send('backstep/saveRecording', { path: file }), 'backstep/saveRecording');
                assert.ok(fs.statSync(file).size > 0);

                const r = await session({ launch: { mode: 'replay', recording: file, stopOnEntry: true } });
                assert.equal(r.first.reason, 'entry');
                const info = (await r.dc.send('backstep/info')).body;
                assert.equal(info.mode, 'replay');
                assert.equal(info.recordedLength, endIcount);
                const replayedExit = r.dc.waitForEvent('exited');
                const replayed = await act(r.dc, 'continue', { threadId: 1 });
                assert.equal(replayed.reason, 'exited');
                assert.match(replayed.description, new RegExp(`icount ${endIcount}\\b`));
                assert.equal(await icount(r.dc), endIcount);
                assert.equal((await S.within(replayedExit, 'exited in the replay')).body.exitCode, exitCode, 'the same exit code');
                assert.equal(r.stdout.join(''), EXPECTED_OUTPUT);
            } finally {
                tmp.dispose();
            }
        });

        it('answers bad requests with errors that say why', async () => {
            const s = await session({ stopOnEntry: true });
            await assert.rejects(s.dc.send('backstep/seek', {}), /icount/);
            await assert.rejects(s.dc.send('readMemory', { memoryReference: 'nowhere', count: 4 }), /memoryReference/);
            await assert.rejects(s.dc.send('goto', { threadId: 1, targetId: 1 }));
            const info = await s.dc.send('backstep/info');
            assert.equal(info.body.mode, 'record');
            assert.equal(info.body.icount, 0);
        });
    });
}

/** Sends an execution request and returns the body of the stopped event it causes. */
async function act(dc, command, args) {
    const stopped = dc.waitForEvent('stopped');
    await S.within(dc.send(command, args), `the response to ${command}`);
    return (await S.within(stopped, `the stop after ${command}`)).body;
}

async function top(dc) {
    const trace = await S.within(dc.stackTraceRequest({ threadId: 1, startFrame: 0, levels: 20 }), 'stackTrace');
    assert.ok(trace.body.stackFrames.length > 0);
    return trace.body.stackFrames[0];
}

async function icount(dc) {
    return (await S.within(dc.send('backstep/info'), 'backstep/info')).body.icount;
}

async function setLines(dc, lines) {
    const r = await S.within(dc.setBreakpointsRequest({ source: { path: S.CORRUPT_C }, breakpoints: lines.map(line => ({ line })) }), 'setBreakpoints');
    assert.ok(r.body.breakpoints.every(b => b.verified), JSON.stringify(r.body));
}

/** DAP: the response to an execution request comes before the stopped event it causes. */
function assertResponsesBeforeStops(received) {
    const execution = new Set(['continue', 'next', 'stepIn', 'stepOut', 'stepBack', 'reverseContinue',
        'backstep/seek', 'backstep/reverseStepOut', 'configurationDone']);
    let awaitingStop = false;
    for (const m of received) {
        if (m.type === 'response' && m.success && execution.has(m.command)) {
            awaitingStop = true;
        } else if (m.type === 'event' && m.event === 'stopped') {
            assert.ok(awaitingStop, 'a stopped event follows the response of the request that caused it');
            awaitingStop = false;
        }
    }
}

module.exports = { defineScenarios };
