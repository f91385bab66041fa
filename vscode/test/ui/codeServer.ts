/**
 * The real VS Code of the UI test: code-server (VS Code 1.100 served to a browser), installed from npm into a cache
 * folder outside the repository, the way its own postinstall script would, but without its two downloads from
 * outside the npm registry: ripgrep (Debian's `rg` takes its place) and prebuilt native modules (they are compiled
 * here with node-gyp against the headers that come with Node). A fresh CI clone installs it again (npm's own cache
 * makes that quick on a machine that did it once); a finished install is reused.
 */
import { spawnSync, SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const CODE_SERVER_VERSION = '4.100.3';

/** The pinned package.json and lock file (code-server and its dependencies). */
const PINNED = path.join(__dirname, '..', '..', '..', 'test', 'ui', 'code-server');

/** Native modules of VS Code's server that its install compiles; kerberos (proxy log-in) is not needed here. */
const NATIVE_MODULES = ['@vscode/spdlog', 'native-watchdog', 'node-pty', '@vscode/deviceid'];

export type Installed = { ok: true; entry: string } | { ok: false; reason: string };

function cacheRoot(): string {
    const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
    return path.join(base, 'backstep', `code-server-${CODE_SERVER_VERSION}`);
}

function which(tool: string): string | undefined {
    for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
        const candidate = path.join(dir, tool);
        if (dir && fs.existsSync(candidate)) {
            return candidate;
        }
    }
    return undefined;
}

function run(command: string, args: string[], options: SpawnSyncOptions, what: string): string | undefined {
    const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 15 * 60_000, ...options });
    if (r.status === 0) {
        return undefined;
    }
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    return `${what} failed (${r.error ? r.error.message : `exit ${r.status}`}):\n${output}`;
}

/** node-gyp as npm ships it (npm uses the same to build native modules). */
function nodeGyp(): string | undefined {
    const fromNpm = process.env.npm_config_node_gyp;
    if (fromNpm && fs.existsSync(fromNpm)) {
        return fromNpm;
    }
    const root = spawnSync('npm', ['root', '-g'], { encoding: 'utf8' }).stdout?.trim();
    const candidate = root ? path.join(root, 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js') : '';
    return candidate && fs.existsSync(candidate) ? candidate : undefined;
}

/** The folder whose include/node/ has Node's headers (node-gyp would download them otherwise). */
function nodeHeaders(): string | undefined {
    const prefix = path.resolve(path.dirname(process.execPath), '..');
    return fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined;
}

/** What the install needs besides npm; each missing piece is a reason to skip, saying what to install. */
function missingTools(): string | undefined {
    const missing: string[] = [];
    for (const tool of ['npm', 'make', 'g++', 'python3']) {
        if (!which(tool)) {
            missing.push(tool);
        }
    }
    if (!which('rg')) {
        missing.push('rg (Debian: ripgrep)');
    }
    if (!nodeGyp()) {
        missing.push("npm's node-gyp");
    }
    if (!nodeHeaders()) {
        missing.push(`Node's headers (include/node beside ${process.execPath})`);
    }
    if (process.versions.node.split('.')[0] !== '20') {
        missing.push(`Node 20 (code-server ${CODE_SERVER_VERSION} runs on Node 20 only; this is ${process.version})`);
    }
    return missing.length ? `missing: ${missing.join(', ')}` : undefined;
}

/** Installs code-server into the cache once; later calls find it there. */
export function ensureCodeServer(log: (line: string) => void): Installed {
    const root = cacheRoot();
    const entry = path.join(root, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
    if (fs.existsSync(path.join(root, '.complete')) && fs.existsSync(entry)) {
        return { ok: true, entry };
    }
    const missing = missingTools();
    if (missing) {
        return { ok: false, reason: `code-server cannot be set up here, ${missing}` };
    }
    const partial = `${root}.partial-${process.pid}`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.mkdirSync(partial, { recursive: true });
    try {
        const failure = install(partial, log);
        if (failure) {
            return { ok: false, reason: `code-server ${CODE_SERVER_VERSION} could not be installed: ${failure}` };
        }
        fs.writeFileSync(path.join(partial, '.complete'), `${CODE_SERVER_VERSION}\n`);
        fs.rmSync(root, { recursive: true, force: true });
        fs.renameSync(partial, root);
        return { ok: true, entry };
    } finally {
        fs.rmSync(partial, { recursive: true, force: true });
    }
}

function install(dir: string, log: (line: string) => void): string | undefined {
    const quiet = ['--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];
    // Keep npm's own registry settings but not the extension's .npmrc (it only concerns lock files).
    fs.copyFileSync(path.join(PINNED, 'package.json'), path.join(dir, 'package.json'));
    fs.copyFileSync(path.join(PINNED, 'package-lock.json'), path.join(dir, 'package-lock.json'));
    log(`# installing code-server ${CODE_SERVER_VERSION} into ${dir} (npm, scripts off)`);
    let failure = run('npm', ['ci', ...quiet], { cwd: dir }, 'npm ci code-server');
    if (failure) {
        return failure;
    }
    const gyp = nodeGyp()!;
    const headers = nodeHeaders()!;
    const server = path.join(dir, 'node_modules', 'code-server');

    // code-server's own native module: argon2 (password hashing; loaded at start even without a password)
    const argon2 = path.join(dir, 'node_modules', 'argon2');
    const preGyp = path.join(dir, 'node_modules', '@mapbox', 'node-pre-gyp', 'bin', 'node-pre-gyp');
    log('# compiling argon2');
    failure = run(process.execPath, [preGyp, 'rebuild', '--build-from-source', `--nodedir=${headers}`], {
        cwd: argon2,
        env: { ...process.env, npm_config_node_gyp: gyp },
    }, 'building argon2');
    if (failure) {
        return failure;
    }

    // What code-server's postinstall does in lib/vscode: its dependencies (pinned by its npm-shrinkwrap.json), then
    // the native modules built
    const vscode = path.join(server, 'lib', 'vscode');
    log('# installing VS Code server dependencies (lib/vscode)');
    failure = run('npm', ['install', '--omit=dev', ...quiet], { cwd: vscode }, 'npm install in lib/vscode');
    if (failure) {
        return failure;
    }
    for (const module of NATIVE_MODULES) {
        log(`# compiling ${module}`);
        failure = run(process.execPath, [gyp, 'rebuild', `--nodedir=${headers}`], {
            cwd: path.join(vscode, 'node_modules', ...module.split('/')),
        }, `building ${module}`);
        if (failure) {
            return failure;
        }
    }
    // ripgrep: Debian's, where @vscode/ripgrep's postinstall would have put the one it downloads
    const rgDir = path.join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin');
    fs.mkdirSync(rgDir, { recursive: true });
    fs.symlinkSync(which('rg')!, path.join(rgDir, 'rg'));
    // the links the postinstall makes
    fs.symlinkSync('node_modules', path.join(vscode, 'node_modules.asar'));
    fs.symlinkSync('code-linux.sh', path.join(vscode, 'bin', 'remote-cli', 'code-server'));
    fs.symlinkSync('browser-linux.sh', path.join(vscode, 'bin', 'helpers', 'browser.sh'));
    log('# installing the built-in extensions\' dependencies (lib/vscode/extensions)');
    return run('npm', ['install', '--omit=dev', ...quiet], { cwd: path.join(vscode, 'extensions') }, 'npm install in lib/vscode/extensions');
}
