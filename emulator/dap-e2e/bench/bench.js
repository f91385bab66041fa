'use strict';
// Prints what a DAP client sees of the server's latency (no assertions; a shared machine is noisy):
// server start -> initialize response, stepBack by one instruction, reverse step over, reverseContinue
// to a data breakpoint; then on bench.elf, reverse step over lines whose calls retire ~10^5..10^6 instructions
// each and a reverseContinue over 10^8 instructions. Usage: node bench/bench.js [iterations]   (BACKSTEP_JAR overrides the jar)
const fs = require('fs');
const path = require('path');
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
    await heavyLines(transport);
}

/** The worst case for line stepping back: lines of bench.c that call loop-heavy functions. */
async function heavyLines(transport) {
    const elf = path.join(S.EXAMPLES, 'bench.elf');
    const src = path.join(S.EXAMPLES, 'bench.c');
    const lineOf = text => fs.readFileSync(src, 'utf8').split('\n').findIndex(l => l.includes(text)) + 1;
    const dc = await transport.connect();
    const initialized = dc.waitForEvent('initialized');
    await dc.initializeRequest();
    await dc.launchRequest({ program: elf, stopOnEntry: true });
    await S.within(initialized, 'initialized');
    await dc.configurationDoneRequest();
    await S.within(dc.waitForEvent('stopped'), 'entry');
    // the second round's printf: stepping back from there passes matmul_round, sort_round, crc32_bitwise, ...
    await dc.setBreakpointsRequest({ source: { path: src }, breakpoints: [{ line: lineOf('printf("round %d: sieve'), hitCondition: '2' }] });
    const at = await act(dc, 'continue', { threadId: 1 });
    await dc.setBreakpointsRequest({ source: { path: src }, breakpoints: [] });
    const icount = async () => (await dc.send('backstep/info', {})).body.icount;
    const where = async () => (await dc.stackTraceRequest({ threadId: 1, levels: 1 })).body.stackFrames[0].line;
    let before = await icount();
    console.log(`bench.elf: stopped at bench.c:${await where()} (${at.reason}), icount ${before}`);
    for (let i = 0; i < 6; i++) {
        const from = await where();
        const ms = await timed(dc, 'stepBack', { threadId: 1 });
        const now = await icount();
        console.log(`  stepBack bench.c:${from} -> ${await where()}: ${ms.toFixed(1)} ms, ${before - now} instructions back`);
        before = now;
    }
    const far = 101000000;
    let ms = await timed(dc, 'backstep/seek', { icount: far });
    console.log(`  backstep/seek to icount ${far}: ${ms.toFixed(0)} ms`);
    await dc.setBreakpointsRequest({ source: { path: src }, breakpoints: [{ line: lineOf('rng_state = 2463534242u') }] });
    ms = await timed(dc, 'reverseContinue', { threadId: 1 });
    const back = far - await icount();
    console.log(`  reverseContinue over ${back} instructions -> bench.c:${await where()}: ${ms.toFixed(0)} ms (${(back / 1000 / ms).toFixed(0)} M instructions/s)`);
    await act(dc, 'backstep/seek', { icount: far });
    ms = await timed(dc, 'reverseContinue', { threadId: 1 });
    console.log(`  again, with the snapshots the first scan left: ${ms.toFixed(0)} ms`);
    await dc.stop();
}

main().catch(e => {
    console.error(e);
    process.exit(1);
});
