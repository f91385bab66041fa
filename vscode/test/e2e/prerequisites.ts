/**
 * What the end-to-end suite needs, found once: the .vsix built by
 * `npm run package`, the server jar inside it, a Java 17+, a jar that has a
 * `dap` command, and the example program. Each missing piece becomes a skip
 * reason that says how to get it.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MINIMUM_JAVA_MAJOR, parseJavaMajorVersion } from '../../src/java/javaVersion';

export const EXTENSION_ROOT = path.resolve(__dirname, '..', '..', '..');
export const REPO_ROOT = path.resolve(EXTENSION_ROOT, '..');
export const EXAMPLES = path.join(REPO_ROOT, 'emulator', 'examples');
export const BUILT_JAR = path.join(REPO_ROOT, 'emulator', 'cli', 'target', 'backstep.jar');

export interface Prerequisites {
    readonly java: string;
    /** The extension/ folder of the unpacked .vsix: what VS Code would install. */
    readonly extensionDir: string;
    /** The server jar inside it. */
    readonly jar: string;
    readonly vsix: string;
    readonly helloElf: string;
    readonly helloC: string;
    readonly helloExpected: string;
    /** Scratch folder for recordings; removed on exit. */
    readonly scratch: string;
}

export type Found = { ok: true; value: Prerequisites } | { ok: false; reason: string };

function findVsix(): string | undefined {
    const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, 'package.json'), 'utf8'));
    const vsix = path.join(EXTENSION_ROOT, `${manifest.name}-${manifest.version}.vsix`);
    return fs.existsSync(vsix) ? vsix : undefined;
}

function findJava(): string | undefined {
    const candidates: string[] = [];
    if (process.env.JAVA_HOME) {
        candidates.push(path.join(process.env.JAVA_HOME, 'bin', process.platform === 'win32' ? 'java.exe' : 'java'));
    }
    candidates.push('java');
    for (const java of candidates) {
        const result = spawnSync(java, ['-version'], { encoding: 'utf8', timeout: 30000 });
        const major = result.status === 0 ? parseJavaMajorVersion(`${result.stderr}${result.stdout}`) : undefined;
        if (major !== undefined && major >= MINIMUM_JAVA_MAJOR) {
            return java;
        }
    }
    return undefined;
}

/** Unpacks the .vsix (a zip) with `unzip` or the JDK's `jar`; returns its extension/ folder. */
function unpackVsix(vsix: string, into: string): string | undefined {
    const unzip = spawnSync('unzip', ['-q', '-o', vsix, '-d', into], { encoding: 'utf8', timeout: 60000 });
    if (unzip.status !== 0) {
        const jarTool = spawnSync('jar', ['xf', vsix], { cwd: into, encoding: 'utf8', timeout: 60000 });
        if (jarTool.status !== 0) {
            return undefined;
        }
    }
    const extension = path.join(into, 'extension');
    return fs.existsSync(extension) ? extension : undefined;
}

/** True when `java -jar <jar> dap --help` exits 0 and talks about dap. */
function hasDapCommand(java: string, jar: string): boolean {
    const result = spawnSync(java, ['-jar', jar, 'dap', '--help'], { encoding: 'utf8', timeout: 60000 });
    return result.status === 0 && /\bdap\b/i.test(`${result.stdout}${result.stderr}`);
}

export function findPrerequisites(): Found {
    const vsix = findVsix();
    if (!vsix) {
        return { ok: false, reason: 'no backstep-<version>.vsix in vscode/: run `npm run package` first' };
    }
    const java = findJava();
    if (!java) {
        return { ok: false, reason: `no Java ${MINIMUM_JAVA_MAJOR}+ (JAVA_HOME or PATH) to run the server` };
    }
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'backstep-e2e-'));
    process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));
    const extensionDir = unpackVsix(vsix, scratch);
    const jar = extensionDir && path.join(extensionDir, 'server', 'backstep.jar');
    if (!extensionDir || !jar || !fs.existsSync(jar)) {
        return { ok: false, reason: `${vsix} holds no extension/server/backstep.jar (or neither unzip nor jar could open it)` };
    }
    if (!hasDapCommand(java, jar)) {
        // the .vsix ships a server that cannot serve DAP: a broken package, not a reason to skip
        throw new Error(`the server jar in ${path.basename(vsix)} has no working \`dap\` command (java -jar backstep.jar dap --help failed)`);
    }
    const helloElf = path.join(EXAMPLES, 'hello.elf');
    const helloC = path.join(EXAMPLES, 'hello.c');
    const helloExpected = path.join(EXAMPLES, 'hello.expected');
    for (const file of [helloElf, helloC, helloExpected]) {
        if (!fs.existsSync(file)) {
            return { ok: false, reason: `${file} is missing (built by emulator/examples/Makefile)` };
        }
    }
    return { ok: true, value: { java, extensionDir, jar, vsix, helloElf, helloC, helloExpected, scratch } };
}
