import * as vscode from 'vscode';
import { BackstepAdapterFactory } from './adapter/adapterFactory';
import { BackstepConfigurationProvider } from './config/configurationProvider';
import { DEBUG_TYPE } from './config/launchConfiguration';
import { HistoryCommands } from './history/historyCommands';
import { StopHistory } from './session/stopHistory';
import { StopTrackerFactory } from './session/stopTracker';
import { TIMELINE_VIEW_ID } from './ui/commandIds';
import { BackstepCommands } from './ui/commands';
import { IcountStatusBar } from './ui/icountStatusBar';
import { TimelineProvider } from './ui/timelineView';

/** What activate() built; returned so tests (and other extensions) can look inside. */
export interface BackstepExtensionApi {
    readonly history: StopHistory;
    readonly statusBar: IcountStatusBar;
    readonly timeline: TimelineProvider;
    readonly commands: BackstepCommands;
    readonly historyCommands: HistoryCommands;
}

export function activate(context: vscode.ExtensionContext): BackstepExtensionApi {
    const history = new StopHistory();
    const log = vscode.window.createOutputChannel('Backstep');
    const statusBar = new IcountStatusBar(history);
    const timeline = new TimelineProvider(history);
    const commands = new BackstepCommands(history, log);
    const historyCommands = new HistoryCommands(vscode.Uri.file(context.extensionPath), log);
    const factory = new BackstepAdapterFactory({
        extensionPath: context.extensionPath,
        settingJavaHome: () => vscode.workspace.getConfiguration('backstep').get<string>('javaHome') || undefined,
        env: process.env,
        log: (line) => log.appendLine(line),
    });

    context.subscriptions.push(
        history,
        log,
        statusBar,
        timeline,
        vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, factory),
        vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new BackstepConfigurationProvider()),
        vscode.debug.registerDebugAdapterTrackerFactory(DEBUG_TYPE, new StopTrackerFactory(history)),
        vscode.window.registerTreeDataProvider(TIMELINE_VIEW_ID, timeline),
        ...commands.register(),
        ...historyCommands.register(),
    );
    return { history, statusBar, timeline, commands, historyCommands };
}

export function deactivate(): void {
    // Everything is in context.subscriptions.
}
