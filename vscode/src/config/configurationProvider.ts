import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { BackstepLaunchConfiguration, problemOf, withDefaults } from './launchConfiguration';

/**
 * Fills defaults and turns a broken configuration into one clear message
 * before any process is started.
 */
export class BackstepConfigurationProvider implements vscode.DebugConfigurationProvider {
    resolveDebugConfiguration(
        _folder: vscode.WorkspaceFolder | undefined,
        config: vscode.DebugConfiguration,
    ): vscode.DebugConfiguration | undefined {
        const filled = withDefaults(config);
        const problem = problemOf(filled);
        if (problem) {
            void vscode.window.showErrorMessage(problem);
            // undefined (not null) stops the launch without opening launch.json a second time.
            return undefined;
        }
        return filled;
    }

    /** Runs after ${workspaceFolder} and friends are replaced: now paths can be checked. */
    resolveDebugConfigurationWithSubstitutedVariables(
        folder: vscode.WorkspaceFolder | undefined,
        config: vscode.DebugConfiguration,
    ): vscode.DebugConfiguration | undefined {
        const resolved = { ...config } as BackstepLaunchConfiguration;
        const base = folder?.uri.fsPath;
        for (const key of ['program', 'recording', 'input'] as const) {
            const value = resolved[key];
            if (typeof value === 'string' && base && !path.isAbsolute(value)) {
                resolved[key] = path.join(base, value);
            }
        }
        const mustExist: Array<[string, string | undefined]> = [['program', resolved.program], ['input', resolved.input]];
        if (resolved.mode === 'replay') {
            mustExist.push(['recording', resolved.recording]);
        }
        // Attaching to a running server: the files are the server's business (it may run elsewhere).
        if (resolved.debugServer === undefined) {
            for (const [key, file] of mustExist) {
                if (file !== undefined && !fs.existsSync(file)) {
                    void vscode.window.showErrorMessage(`Backstep: the "${key}" file ${file} does not exist.`);
                    return undefined;
                }
            }
        }
        return resolved;
    }
}
