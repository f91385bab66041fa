import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { MINIMUM_JAVA_MAJOR, parseJavaMajorVersion } from './javaVersion';

/** Where a candidate Java came from, named as the user would look for it. */
export type JavaOrigin = 'setting backstep.javaHome' | 'launch attribute javaHome' | 'JAVA_HOME' | 'PATH';

export interface JavaCandidate {
    readonly origin: JavaOrigin;
    readonly executable: string;
}

export interface FoundJava extends JavaCandidate {
    readonly major: number;
}

export interface JavaSearchInputs {
    /** `javaHome` of the launch configuration; wins over everything. */
    readonly launchJavaHome?: string;
    /** The `backstep.javaHome` setting. */
    readonly settingJavaHome?: string;
    readonly env: NodeJS.ProcessEnv;
    readonly platform?: NodeJS.Platform;
}

export class JavaNotFoundError extends Error {}

const VERSION_TIMEOUT_MS = 15000;

function javaExecutableName(platform: NodeJS.Platform): string {
    return platform === 'win32' ? 'java.exe' : 'java';
}

function isExecutableFile(file: string): boolean {
    try {
        return fs.statSync(file).isFile();
    } catch {
        return false;
    }
}

function javaUnderHome(home: string, platform: NodeJS.Platform): string {
    return path.join(home, 'bin', javaExecutableName(platform));
}

function javaOnPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
    // Windows spells it Path; look for any casing.
    const key = Object.keys(env).find((k) => k.toUpperCase() === 'PATH');
    const searchPath = key ? env[key] : undefined;
    if (!searchPath) {
        return undefined;
    }
    const separator = platform === 'win32' ? ';' : ':';
    for (const dir of searchPath.split(separator)) {
        if (!dir) {
            continue;
        }
        const candidate = path.join(dir, javaExecutableName(platform));
        if (isExecutableFile(candidate)) {
            return candidate;
        }
    }
    return undefined;
}

/**
 * The candidates in the order the user expects them to win:
 * launch attribute, setting, JAVA_HOME, PATH. An explicitly configured home
 * that holds no java is an error of its own (a typo should not silently fall
 * through to some other Java).
 */
export function javaCandidates(inputs: JavaSearchInputs): JavaCandidate[] {
    const platform = inputs.platform ?? process.platform;
    const explicitHomes: Array<[JavaOrigin, string | undefined]> = [
        ['launch attribute javaHome', inputs.launchJavaHome],
        ['setting backstep.javaHome', inputs.settingJavaHome],
    ];
    for (const [origin, home] of explicitHomes) {
        if (home && home.trim() !== '') {
            const executable = javaUnderHome(home.trim(), platform);
            if (!isExecutableFile(executable)) {
                throw new JavaNotFoundError(
                    `Backstep: the ${origin} is "${home}", but ${executable} does not exist. ` +
                        `Point it at a Java ${MINIMUM_JAVA_MAJOR}+ installation (the folder that contains bin/java).`,
                );
            }
            return [{ origin, executable }];
        }
    }
    const candidates: JavaCandidate[] = [];
    const javaHome = inputs.env.JAVA_HOME;
    if (javaHome && isExecutableFile(javaUnderHome(javaHome, platform))) {
        candidates.push({ origin: 'JAVA_HOME', executable: javaUnderHome(javaHome, platform) });
    }
    const fromPath = javaOnPath(inputs.env, platform);
    if (fromPath) {
        candidates.push({ origin: 'PATH', executable: fromPath });
    }
    return candidates;
}

/** Runs `java -version` and returns everything it printed (it prints on stderr). */
export function readJavaVersionOutput(executable: string): Promise<string> {
    return new Promise((resolve, reject) => {
        execFile(executable, ['-version'], { timeout: VERSION_TIMEOUT_MS, windowsHide: true }, (error, stdout, stderr) => {
            if (error) {
                reject(new JavaNotFoundError(`Backstep: could not run "${executable} -version": ${error.message}`));
                return;
            }
            resolve(`${stderr}\n${stdout}`);
        });
    });
}

/**
 * Finds a Java that can run the Backstep server: the first candidate that
 * answers `-version` with a major version of at least 17. Every rejected
 * candidate is named in the error so the user sees why.
 */
export async function findJava(inputs: JavaSearchInputs): Promise<FoundJava> {
    const candidates = javaCandidates(inputs);
    if (candidates.length === 0) {
        throw new JavaNotFoundError(
            `Backstep needs Java ${MINIMUM_JAVA_MAJOR} or newer to run its debug server, and found none: ` +
                'set "backstep.javaHome" in the settings (or JAVA_HOME) to a Java installation, or put java on the PATH.',
        );
    }
    const rejected: string[] = [];
    for (const candidate of candidates) {
        let output: string;
        try {
            output = await readJavaVersionOutput(candidate.executable);
        } catch (e) {
            rejected.push(`${candidate.executable} (from ${candidate.origin}) did not run: ${(e as Error).message}`);
            continue;
        }
        const major = parseJavaMajorVersion(output);
        if (major === undefined) {
            rejected.push(`${candidate.executable} (from ${candidate.origin}) printed no version Backstep understands`);
        } else if (major < MINIMUM_JAVA_MAJOR) {
            rejected.push(`${candidate.executable} (from ${candidate.origin}) is Java ${major}`);
        } else {
            return { ...candidate, major };
        }
    }
    throw new JavaNotFoundError(
        `Backstep needs Java ${MINIMUM_JAVA_MAJOR} or newer to run its debug server: ${rejected.join('; ')}. ` +
            adviceFor(candidates),
    );
}

/** Where to fix it: the place the rejected Java came from when the user chose it, else the setting. */
function adviceFor(candidates: JavaCandidate[]): string {
    const explicit = candidates.find((c) => c.origin === 'launch attribute javaHome' || c.origin === 'setting backstep.javaHome');
    if (explicit?.origin === 'launch attribute javaHome') {
        return `Set the launch attribute "javaHome" (in launch.json) to a Java ${MINIMUM_JAVA_MAJOR}+ installation, or remove it to use the setting "backstep.javaHome".`;
    }
    return `Set "backstep.javaHome" in the settings to a Java ${MINIMUM_JAVA_MAJOR}+ installation.`;
}

/** One line for the output channel: which Java runs the server, and why that one. */
export function describeJava(java: FoundJava): string {
    return `Backstep: running the debug server with Java ${java.major} at ${java.executable} (from ${java.origin})`;
}
