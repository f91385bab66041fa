/**
 * The extension in a real VS Code: the built .vsix installed into code-server (VS Code 1.100), driven in Debian's
 * Chromium through playwright-core, the way a user works the demo of emulator/examples/corrupt.c. Screenshots of
 * each step go to target/ui-test/. Skips, saying why, when Chromium, Java, the .vsix or code-server cannot be had.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { strict as assert } from 'assert';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { MINIMUM_JAVA_MAJOR, parseJavaMajorVersion } from '../../src/java/javaVersion';
import { ensureCodeServer } from './codeServer';
import {
    activeTab,
    callStack,
    callStackHeader,
    chooseMenuItem,
    clickGutter,
    debugButton,
    expandVariable,
    highlightedLine,
    icountOf,
    openFile,
    runCommand,
    statusBarIcount,
    until,
    variableRow,
    variables,
} from './workbench';

const EXTENSION_ROOT = path.resolve(__dirname, '..', '..', '..');
const EXAMPLES = path.resolve(EXTENSION_ROOT, '..', 'emulator', 'examples');
const SCREENSHOTS = path.join(EXTENSION_ROOT, 'target', 'ui-test');
const LINE_CHECK = 67; // if (config.alarm_limit != 75)
const LINE_BEFORE = 66; // printf("alarms raised: ...")
const LINE_WRITER = 51; // p[1] = (p[0] + p[1]) / 2;  -- writes past the window into config.alarm_limit

/** Chromium's flags: nothing fetched from outside, no sandbox (CI runs as root), no GPU. */
const CHROMIUM_ARGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
];

function log(line: string): void {
    console.log(line);
}

function chromium(): string | undefined {
    const candidates = [process.env.BACKSTEP_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
    return candidates.find((c): c is string => !!c && fs.existsSync(c));
}

function javaOk(): boolean {
    const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
    const r = spawnSync(java, ['-version'], { encoding: 'utf8', timeout: 30_000 });
    const major = r.status === 0 ? parseJavaMajorVersion(`${r.stderr}${r.stdout}`) : undefined;
    return major !== undefined && major >= MINIMUM_JAVA_MAJOR;
}

function vsixPath(): string {
    const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, 'package.json'), 'utf8'));
    return path.join(EXTENSION_ROOT, `${manifest.name}-${manifest.version}.vsix`);
}

async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const port = (server.address() as net.AddressInfo).port;
            server.close(() => resolve(port));
        });
    });
}

/** A workspace like a user's: the demo's sources and ELF, and a launch configuration that runs to the breakpoint. */
function makeWorkspace(root: string): string {
    const ws = path.join(root, 'workspace');
    fs.mkdirSync(path.join(ws, '.vscode'), { recursive: true });
    for (const file of ['corrupt.c', 'corrupt.elf', 'crt0.S', 'rt.c', 'rt.h']) {
        fs.copyFileSync(path.join(EXAMPLES, file), path.join(ws, file));
    }
    fs.writeFileSync(
        path.join(ws, '.vscode', 'launch.json'),
        JSON.stringify({
            version: '0.2.0',
            configurations: [
                { type: 'backstep', request: 'launch', name: 'Backstep: corrupt', program: '${workspaceFolder}/corrupt.elf', stopOnEntry: false },
            ],
        }, null, 2),
    );
    return ws;
}

function userSettings(userData: string): void {
    fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
    fs.writeFileSync(
        path.join(userData, 'User', 'settings.json'),
        JSON.stringify({
            'workbench.startupEditor': 'none',
            'security.workspace.trust.enabled': false,
            'telemetry.telemetryLevel': 'off',
            'workbench.tips.enabled': false,
            'extensions.autoCheckUpdates': false,
            'extensions.autoUpdate': false,
            'update.mode': 'none',
            'workbench.enableExperiments': false,
            'editor.minimap.enabled': false,
            'files.hotExit': 'off',
            'git.enabled': false,
        }, null, 2),
    );
}

interface Server {
    process: ChildProcess;
    url: string;
}

async function startCodeServer(entry: string, dirs: Record<string, string>, ws: string, env: NodeJS.ProcessEnv): Promise<Server> {
    const common = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
    const installed = spawnSync(process.execPath, [entry, ...common, '--install-extension', vsixPath()], {
        env,
        encoding: 'utf8',
        timeout: 120_000,
    });
    assert.equal(installed.status, 0, `installing the .vsix into code-server: ${installed.stdout}${installed.stderr}`);
    assert.match(installed.stdout, /successfully installed/);

    const port = await freePort();
    const child = spawn(
        process.execPath,
        [entry, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
            '--disable-workspace-trust', '--disable-getting-started-override', ws],
        { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const out = fs.createWriteStream(path.join(SCREENSHOTS, 'code-server.log'));
    let seen = '';
    const listening = new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
            out.write(chunk);
            seen += chunk.toString();
            if (seen.includes('HTTP server listening')) {
                resolve();
            }
        };
        child.stdout!.on('data', onData);
        child.stderr!.on('data', onData);
        child.once('exit', (code) => reject(new Error(`code-server exited (${code}) before listening:\n${seen}`)));
        setTimeout(() => reject(new Error(`code-server did not listen within 90 s:\n${seen}`)), 90_000).unref();
    });
    await listening;
    return { process: child, url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}` };
}

function stop(server: Server | undefined): void {
    if (server?.process.pid) {
        try {
            process.kill(-server.process.pid, 'SIGKILL'); // the whole group: extension host, the Backstep server
        } catch {
            // already gone
        }
    }
}

async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
    log(`# screenshot target/ui-test/${name}.png`);
}

/** Waits for the stop on that line with a status bar icount accepted by want(); returns the icount. */
async function stoppedAt(page: Page, line: number, want: (icount: number) => boolean, what: string): Promise<number> {
    return until(page, async () => `${what}: line ${line} highlighted; now line ${await highlightedLine(page)}, status "${await statusBarIcount(page)}"`, async () => {
        const status = await statusBarIcount(page);
        if (status === undefined || (await highlightedLine(page)) !== line || !want(icountOf(status))) {
            return undefined;
        }
        return icountOf(status);
    });
}

/** What a user does with the demo, step by step, each checked in what VS Code shows. */
async function scenario(page: Page): Promise<void> {
    // a breakpoint in the gutter of corrupt.c, on the check that fails
    await openFile(page, 'corrupt.c');
    await clickGutter(page, LINE_CHECK);
    await page.locator('.editor-group-container.active .glyph-margin-widgets .codicon-debug-breakpoint').first().waitFor();

    // start debugging: the program records and runs to the breakpoint
    await runCommand(page, 'Debug: Start Debugging');
    const atCheck = await stoppedAt(page, LINE_CHECK, (n) => n > 0, 'the breakpoint');
    assert.equal(await activeTab(page), 'corrupt.c');
    assert.ok((await callStack(page))[0].startsWith('main corrupt.c'), (await callStack(page)).join(' | '));
    assert.ok(!(await callStack(page)).some((r) => /Load More Stack Frames/.test(r)), 'the stack is complete');
    await shot(page, '01-breakpoint-hit');

    // Step Back, by its accessible name: the line before, fewer instructions retired
    await debugButton(page, /^Step Back/).click();
    const atBefore = await stoppedAt(page, LINE_BEFORE, (n) => n < atCheck, 'Step Back');
    assert.match((await statusBarIcount(page))!, /icount [\d,]+ \/ [\d,]+/);
    // the stack arrives whole: main and _start, and no "Load More Stack Frames" under it
    await until(page, async () => `main and _start in the Call Stack: ${(await callStack(page)).join(' | ')}`, async () => {
        const rows = await callStack(page);
        return rows.length >= 2 && rows[0].startsWith('main corrupt.c') && rows[1].startsWith('_start') ? rows : undefined;
    });
    assert.ok(!(await callStack(page)).some((r) => /Load More Stack Frames/.test(r)), (await callStack(page)).join(' | '));
    await shot(page, '02-step-back');

    // Reverse (Continue): no breakpoint before, so back to the start of the recording; the reset stub has no
    // source, and still the frame is focused and the Variables view shows the registers
    await debugButton(page, /^Reverse$/).click();
    await until(page, async () => `icount 0 after Reverse; status "${await statusBarIcount(page)}"`, async () => {
        const status = await statusBarIcount(page);
        return status !== undefined && icountOf(status) === 0 && (await activeTab(page)).includes('(no source)') ? true : undefined;
    });
    await until(page, async () => `Registers and CSRs at icount 0; Variables: ${(await variables(page)).join(' | ')}`, async () => {
        const rows = await variables(page);
        return rows.some((r) => r.startsWith('Registers')) && rows.some((r) => r.startsWith('CSRs')) ? true : undefined;
    });
    assert.match(await callStackHeader(page), /[Ss]tart of recording/);
    await shot(page, '03-reverse-to-start');

    // forward again to the breakpoint: the same instruction count as the first time
    await debugButton(page, /^Continue/).click();
    assert.equal(await stoppedAt(page, LINE_CHECK, (n) => n === atCheck, 'Continue to the breakpoint'), atCheck);
    assert.ok(atBefore < atCheck);

    // Break on Value Change on config.alarm_limit (Variables view), then Reverse: the line that wrote it
    await expandVariable(page, 'Globals', 'config');
    await expandVariable(page, 'config', 'alarm_limit');
    const limit = variableRow(page, 'alarm_limit').first();
    await limit.click({ button: 'right' });
    await chooseMenuItem(page, 'Break on Value Change');
    await page.locator('.debug-breakpoints .monaco-list-row', { hasText: 'config.alarm_limit' }).first().waitFor();
    await debugButton(page, /^Reverse$/).click();
    const atWriter = await stoppedAt(page, LINE_WRITER, (n) => n < atCheck, 'Reverse to the write of config.alarm_limit');
    assert.ok((await callStack(page))[0].startsWith('smooth_window corrupt.c'), (await callStack(page)).join(' | '));
    assert.match(await callStackHeader(page), /Data breakpoint on config\.alarm_limit/);
    await shot(page, '04-data-breakpoint-reverse');

    // the Backstep Timeline: a click on the stop at the check seeks there, and the Call Stack says so at once
    await page.locator('.pane-header', { hasText: 'Backstep Timeline' }).first().click();
    const entry = page
        .locator('.monaco-list-row', { hasText: `icount ${atCheck.toLocaleString('en-US')}` })
        .filter({ hasText: `corrupt.c:${LINE_CHECK}` });
    await entry.first().click();
    assert.equal(await stoppedAt(page, LINE_CHECK, (n) => n === atCheck, 'the Timeline seek'), atCheck);
    await until(page, async () => `the Call Stack header to name icount ${atCheck}: "${await callStackHeader(page)}"`, async () =>
        (await callStackHeader(page)).includes(`icount ${atCheck}`) ? true : undefined);
    // and the Variables view shows the state there (the limit was 27 at the write, and is 5 at the check)
    await until(page, async () => `alarm_limit = 5 in the Variables view at icount ${atCheck}: ${(await variables(page)).join(' | ')}`,
        async () => ((await variables(page)).some((r) => r === 'alarm_limit = 5') ? true : undefined));
    await shot(page, '05-timeline-seek');
    log(`# stops: breakpoint at icount ${atCheck}, Step Back ${atBefore}, reverse to the write at ${atWriter}`);
}

test('Backstep in a real VS Code: breakpoint, Step Back, Reverse, Break on Value Change, Timeline', { timeout: 20 * 60_000 }, async (t) => {
    const browserPath = chromium();
    if (!browserPath) {
        t.skip('no Chromium (Debian: apt-get install chromium); the real-VS-Code test needs it');
        return;
    }
    if (!fs.existsSync(vsixPath())) {
        t.skip(`${vsixPath()} is not built (npm run package)`);
        return;
    }
    if (!javaOk()) {
        t.skip(`no Java ${MINIMUM_JAVA_MAJOR}+ on JAVA_HOME or the PATH for the extension's server`);
        return;
    }
    const codeServer = ensureCodeServer(log);
    if (!codeServer.ok) {
        t.skip(codeServer.reason);
        return;
    }
    const { chromium: playwright } = await import('playwright-core');

    fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'backstep-ui-'));
    const dirs = {
        userData: path.join(scratch, 'user-data'),
        extensions: path.join(scratch, 'extensions'),
    };
    // code-server's own config and logs stay in the scratch folder, never in the user's home
    const env = {
        ...process.env,
        XDG_CONFIG_HOME: path.join(scratch, 'config'),
        XDG_DATA_HOME: path.join(scratch, 'data'),
        XDG_CACHE_HOME: path.join(scratch, 'cache'),
    };
    userSettings(dirs.userData);
    const ws = makeWorkspace(scratch);
    let server: Server | undefined;
    let browser: Browser | undefined;
    let page: Page | undefined;
    try {
        server = await startCodeServer(codeServer.entry, dirs, ws, env);
        log(`# code-server ${server.url}`);
        browser = await playwright.launch({ executablePath: browserPath, headless: true, args: CHROMIUM_ARGS });
        page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        await page.goto(server.url);
        await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
        await page.locator('.explorer-folders-view').waitFor({ timeout: 90_000 });

        await scenario(page);
    } catch (error) {
        if (page) {
            await shot(page, 'failure').catch(() => undefined);
        }
        throw error;
    } finally {
        await browser?.close().catch(() => undefined);
        stop(server);
        fs.rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
    }
});
