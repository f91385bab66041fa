import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const created: string[] = [];
process.on('exit', () => created.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A temporary folder, removed when the test process exits. */
export function tempDir(prefix: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `backstep-vscode-${prefix}-`));
    created.push(dir);
    return dir;
}

/**
 * A fake Java home: bin/java is a shell script that prints `versionLine` on
 * stderr, as `java -version` does. Returns the home folder.
 */
export function fakeJavaHome(versionLine: string): string {
    const home = tempDir('jdk');
    fs.mkdirSync(path.join(home, 'bin'));
    const java = path.join(home, 'bin', 'java');
    const escaped = versionLine.replace(/'/g, `'\\''`);
    fs.writeFileSync(java, `#!/bin/sh\necho '${escaped}' >&2\necho 'OpenJDK Runtime Environment' >&2\nexit 0\n`);
    fs.chmodSync(java, 0o755);
    return home;
}

/** A fake extension folder holding server/backstep.jar (an empty placeholder). */
export function fakeExtensionWithJar(): string {
    const root = tempDir('ext');
    fs.mkdirSync(path.join(root, 'server'));
    fs.writeFileSync(path.join(root, 'server', 'backstep.jar'), '');
    return root;
}

export const JAVA_17 = 'openjdk version "17.0.15" 2025-04-15';
export const JAVA_21 = 'openjdk version "21" 2023-09-19';
export const JAVA_11 = 'openjdk version "11.0.22" 2024-01-16';
export const JAVA_8 = 'java version "1.8.0_402"';
