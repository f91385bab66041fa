import * as vscode from 'vscode';
import { describeJava, findJava } from '../java/javaLocator';
import { locateServerJar } from './serverJar';

export interface AdapterFactoryEnvironment {
    readonly extensionPath: string;
    /** The `backstep.javaHome` setting, read at launch time so changes apply without reload. */
    readonly settingJavaHome: () => string | undefined;
    readonly env: NodeJS.ProcessEnv;
    /** The Backstep output channel: says which Java runs the server. */
    readonly log?: (line: string) => void;
}

/** Starts the bundled server jar, or connects to one the user runs with `--port`. */
export class BackstepAdapterFactory implements vscode.DebugAdapterDescriptorFactory {
    constructor(private readonly environment: AdapterFactoryEnvironment) {}

    async createDebugAdapterDescriptor(session: vscode.DebugSession): Promise<vscode.DebugAdapterDescriptor> {
        const config = session.configuration;
        if (typeof config.debugServer === 'number') {
            // The server only listens on the loopback interface.
            return new vscode.DebugAdapterServer(config.debugServer, '127.0.0.1');
        }
        const jar = locateServerJar(this.environment.extensionPath);
        const java = await findJava({
            launchJavaHome: typeof config.javaHome === 'string' ? config.javaHome : undefined,
            settingJavaHome: this.environment.settingJavaHome(),
            env: this.environment.env,
        });
        this.environment.log?.(describeJava(java));
        const options: vscode.DebugAdapterExecutableOptions = {};
        if (session.workspaceFolder) {
            options.cwd = session.workspaceFolder.uri.fsPath;
        }
        return new vscode.DebugAdapterExecutable(java.executable, ['-jar', jar, 'dap'], options);
    }
}
