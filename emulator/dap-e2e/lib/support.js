'use strict';
// Shared by the stdio and TCP suites: where the server is, how to start a client on either transport,
// and the schema check every message goes through.
const fs = require('fs');
const os = require('os');
const path = require('path');
const cp = require('child_process');
const Ajv = require('ajv');
const { DebugClient } = require('@vscode/debugadapter-testsupport');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const JAR = process.env.BACKSTEP_JAR || path.join(ROOT, 'emulator', 'cli', 'target', 'backstep.jar');
const EXAMPLES = path.join(ROOT, 'emulator', 'examples');
const CORRUPT_ELF = path.join(EXAMPLES, 'corrupt.elf');
const CORRUPT_C = path.join(EXAMPLES, 'corrupt.c');
const JAVA = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
const TIMEOUT_MS = 60000;

/** Why the suite cannot run here, or null. */
function skipReason() {
    if (!fs.existsSync(JAR)) {
        return `no server jar at ${JAR} (build emulator/cli first, or set BACKSTEP_JAR)`;
    }
    // A jar that is there but cannot serve DAP is a broken build, not a reason to skip.
    const r = cp.spawnSync(JAVA, ['-jar', JAR, 'dap', '--help'], { encoding: 'utf8', timeout: 30000 });
    if (r.status !== 0 || !/Debug Adapter Protocol/.test(r.stdout || '')) {
        throw new Error(`${JAR} has no working 'dap' command (java -jar ${path.basename(JAR)} dap --help): ${r.stderr || r.error}`);
    }
    return null;
}

/** Fails after ms with a message saying what was awaited (the test client has no timeouts over TCP). */
function within(promise, what, ms = TIMEOUT_MS) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------- schema

let validatorCache;
function validators() {
    if (!validatorCache) {
        const file = path.join(__dirname, '..', 'schema', 'dap.schema.json');
        if (!fs.existsSync(file)) {
            throw new Error(`${file} is missing: run 'npm run schema' first`);
        }
        const ajv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true });
        ajv.addSchema(JSON.parse(fs.readFileSync(file, 'utf8')), 'dap');
        const cache = new Map();
        validatorCache = name => {
            if (!cache.has(name)) {
                cache.set(name, ajv.getSchema(`dap#/definitions/DebugProtocol.${name}`) || null);
            }
            return cache.get(name);
        };
    }
    return validatorCache;
}

const cap = s => s.charAt(0).toUpperCase() + s.slice(1);

const isCount = v => Number.isSafeInteger(v) && v >= 0;

/** DAP's check of the stopped event, after Backstep's fields: icount, direction, recordedLength, all present. */
function withBackstepTime(dapValidate, time) {
    const validate = subject => {
        const own = [];
        if (!isCount(time.icount)) own.push(`icount must be a non-negative integer, got ${JSON.stringify(time.icount)}`);
        if (time.direction !== 'forward' && time.direction !== 'backward') own.push(`direction must be "forward" or "backward", got ${JSON.stringify(time.direction)}`);
        if (!isCount(time.recordedLength) || time.recordedLength < time.icount) own.push(`recordedLength must be an integer >= icount, got ${JSON.stringify(time.recordedLength)}`);
        const ok = dapValidate ? dapValidate(subject) : false;
        validate.errors = [...own.map(message => ({ message })), ...((dapValidate && dapValidate.errors) || [])];
        return ok && own.length === 0;
    };
    return validate;
}

/** The schema definition a message must satisfy: by command or event name ("NextResponse", "StoppedEvent"). */
function definitionFor(msg) {
    const get = validators();
    let name;
    if (msg.type === 'request') {
        name = `${cap(msg.command)}Request`;
        if ((msg.command === 'launch' || msg.command === 'attach') && msg.arguments) {
            // launch attributes are the adapter's own (the protocol types them as open-ended): check the rest
            const { noDebug, __restart } = msg.arguments;
            const subject = { ...msg, arguments: JSON.parse(JSON.stringify({ noDebug, __restart })) };
            return { name, validate: get(name), subject };
        }
        return { name, validate: get(name) || get('Request') };
    }
    if (msg.type === 'event') {
        name = `${cap(msg.event)}Event`;
        if (msg.event === 'stopped' && msg.body) {
            // Backstep's stopped body adds the time of the stop (emulator/dap-protocol): checked here, the rest by DAP's
            const { icount, direction, recordedLength, ...dap } = msg.body;
            return { name, validate: withBackstepTime(get(name), { icount, direction, recordedLength }), subject: { ...msg, body: dap } };
        }
        return { name, validate: get(name) || get('Event') };
    }
    if (msg.type === 'response') {
        if (!msg.success) {
            return { name: 'ErrorResponse', validate: get('ErrorResponse') };
        }
        name = `${cap(msg.command)}Response`;
        return { name, validate: get(name) || get('Response') };
    }
    return { name: 'ProtocolMessage', validate: get('ProtocolMessage') };
}

/** Hooks a DebugClient so that every message, both ways, is checked; failures are collected. */
function validateTraffic(dc) {
    const problems = [];
    const counts = { checked: 0 };
    const received = [];
    const check = (msg, dir) => {
        const { name, validate, subject } = definitionFor(msg);
        counts.checked++;
        if (!validate) {
            problems.push(`${dir} ${name}: no schema definition`);
        } else if (!validate(subject || msg)) {
            problems.push(`${dir} ${name}: ${JSON.stringify(validate.errors.slice(0, 3))} in ${JSON.stringify(msg).slice(0, 400)}`);
        }
    };
    const dispatch = dc.dispatch.bind(dc);
    dc.dispatch = body => {
        try {
            const msg = JSON.parse(body);
            received.push(msg);
            check(msg, 'received');
        } catch (e) {
            problems.push(`received unparseable message: ${e.message}`);
        }
        dispatch(body);
    };
    const doSend = dc.doSend.bind(dc);
    dc.doSend = (command, args, clb) => {
        const request = { type: 'request', seq: dc.sequence, command };
        if (args && Object.keys(args).length > 0) {
            request.arguments = args;
        }
        check(request, 'sent');
        doSend(command, args, clb);
    };
    return { problems, counts, received };
}

// ---------------------------------------------------------------- scratch folders

const scratch = new Set();
function removeScratch() {
    for (const dir of scratch) {
        fs.rmSync(dir, { recursive: true, force: true });
    }
    scratch.clear();
}
process.on('exit', removeScratch);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    // a signal ends node without 'exit': remove the folders, then end as the signal would have
    process.once(signal, () => {
        removeScratch();
        process.kill(process.pid, signal);
    });
}

/** A temporary folder removed by dispose(), and in any case when the process ends (Ctrl-C included). */
function scratchDir(prefix) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    scratch.add(dir);
    return {
        dir,
        dispose() {
            fs.rmSync(dir, { recursive: true, force: true });
            scratch.delete(dir);
        },
    };
}

// ---------------------------------------------------------------- transports

/** stdio: the test client passes ONE argument to the runtime, so java gets an @argfile. */
function stdioTransport() {
    const tmp = scratchDir('backstep-e2e-');
    const argfile = path.join(tmp.dir, 'dap.args');
    fs.writeFileSync(argfile, `-jar "${JAR.replace(/\\/g, '\\\\')}" dap\n`);
    return {
        name: 'stdio',
        async connect() {
            const dc = new DebugClient(JAVA, `@${argfile}`, 'backstep', { shell: false }, false);
            dc.defaultTimeout = TIMEOUT_MS;
            await within(dc.start(), 'the server process to start');
            return dc;
        },
        async shutdown() {
            tmp.dispose();
        },
    };
}

/**
 * TCP: one server process for the whole suite, a new connection (and debug session) per test. The server prints
 * its port and then the token every launch must carry.
 */
function tcpTransport() {
    let server;
    let port;
    let token;
    return {
        name: 'tcp',
        async start() {
            server = cp.spawn(JAVA, ['-jar', JAR, 'dap', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
            port = await within(new Promise((resolve, reject) => {
                let text = '';
                server.stdout.on('data', d => {
                    text += d;
                    const m = /listening on [^\s]*:(\d+)/.exec(text);
                    const t = /token: ([0-9a-f]+)/.exec(text);
                    if (m && t) {
                        token = t[1];
                        resolve(Number(m[1]));
                    }
                });
                server.on('exit', code => reject(new Error(`server exited with ${code} before listening`)));
            }), 'the TCP server to print its port');
        },
        async connect() {
            if (server.exitCode !== null) {
                throw new Error(`the TCP server has died (exit ${server.exitCode})`);
            }
            const dc = new DebugClient('unused', 'unused', 'backstep');
            dc.defaultTimeout = TIMEOUT_MS;
            await within(dc.start(port), `a connection to port ${port}`);
            return dc;
        },
        async shutdown() {
            if (server) {
                server.kill();
                await within(new Promise(r => server.exitCode !== null ? r() : server.on('exit', r)), 'the server to exit');
            }
        },
        alive: () => server && server.exitCode === null,
        /** What a launch over this transport must add: the server's token. */
        launchExtras: () => ({ token }),
    };
}

module.exports = {
    scratchDir,
    ROOT, JAR, EXAMPLES, CORRUPT_ELF, CORRUPT_C, TIMEOUT_MS,
    skipReason, within, validateTraffic, definitionFor, stdioTransport, tcpTransport,
};
