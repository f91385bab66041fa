'use strict';
// Prints what a DAP client sees of the server's latency (no assertions; a shared machine is noisy):
// server start -> initialize response, stepBack by one instruction, reverse step over, reverseContinue
// to a data breakpoint. Usage: node bench/bench.js [iterations]   (BACKSTEP_JAR overrides the jar)
const { performance } = require('perf_hooks');
const S = require('../lib/support');

const N = Number(process.argv[2] || 200);

function stats(ms) {
    const s = [...ms].sort((a, b) => a - b);
    const at = q => s[Math.min(s.length - 1, Math.floor(q * s.length))];
    return `median ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms, min ${s[0].toFixed(2)} ms, n=${s.length}`;
}

async function act(dc, command, args) {
    const stopped = dc.waitForEvent('stopped');
    await dc.send(command, args);
    return (await S.within(stopped, command)).body;
}

async function timed(dc, command, args) {
    const t0 = performance.now();
    await act(dc, command, args);
    return performance.now() - t0;
}

async function open(transport) {
    const t0 = performance.now();
    const dc = await transport.connect();
    const initialized = dc.waitForEvent('initialized');
    await dc.initializeRequest();
    const startup = performance.now() - t0;
    await dc.launchRequest({ program: S.CORRUPT_ELF, stopOnEntry: false });
    await S.within(initialized, 'initialized');
    await dc.setBreakpointsRequest({ source: { path: S.CORRUPT_C }, breakpoints: [{ line: 67 }] });
    const stopped = dc.waitForEvent('stopped');
    await dc.configurationDoneRequest();
    await S.within(stopped, 'first stop');
    return { dc, startup };
}

async function main() {
    const reason = S.skipReason();
    if (reason) {
        console.log(`bench skipped: ${reason}`);
        return;
    }
    const transport = S.stdioTransport();
    const startups = [];
    for (let i = 0; i < 5; i++) {
        const { dc, startup } = await open(transport);
        startups.push(startup);
        await dc.stop();
    }
    console.log(`server start -> initialize response (stdio, JVM start included): ${stats(startups)}`);

    const { dc } = await open(transport);
    const instr = [];
    for (let i = 0; i < N; i++) {
        instr.push(await timed(dc, 'stepBack', { threadId: 1, granularity: 'instruction' }));
    }
    console.log(`stepBack (instruction), request -> stopped event: ${stats(instr)}`);

    await act(dc, 'backstep/seek', { icount: 14627 });
    const lines = [];
    for (let i = 0; i < Math.min(N, 60); i++) {
        lines.push(await timed(dc, 'stepBack', { threadId: 1 }));
    }
    console.log(`stepBack (no granularity: reverse step over), request -> stopped event: ${stats(lines)}`);

    await act(dc, 'continue', { threadId: 1 });
    const frame = (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames[0];
    const info = await dc.send('dataBreakpointInfo', { name: 'config.alarm_limit', frameId: frame.id });
    await dc.send('setDataBreakpoints', { breakpoints: [{ dataId: info.body.dataId, accessType: 'write' }] });
    const rc = [];
    for (let i = 0; i < 10; i++) {
        await act(dc, 'backstep/seek', { icount: 14627 });
        rc.push(await timed(dc, 'reverseContinue', { threadId: 1 }));
    }
    console.log(`reverseContinue to the data breakpoint (icount 14627 -> 12942): ${stats(rc)}`);
    await dc.stop();
}

main().catch(e => {
    console.error(e);
    process.exit(1);
});
