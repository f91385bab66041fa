/**
 * A stand-in for the `vscode` module: just the API surface the extension
 * uses, with knobs for the tests (answers for input boxes and dialogs,
 * settings, the active session) and records of what the extension did
 * (messages shown, commands registered, custom requests sent).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

type Listener<T> = (value: T) => void;

export class Disposable {
    constructor(private readonly onDispose: () => void = () => {}) {}
    static from(...items: Array<{ dispose(): unknown }>): Disposable {
        return new Disposable(() => items.forEach((i) => i.dispose()));
    }
    dispose(): void {
        this.onDispose();
    }
}

export class EventEmitter<T> {
    private listeners: Array<Listener<T>> = [];
    readonly event = (listener: Listener<T>): Disposable => {
        this.listeners.push(listener);
        return new Disposable(() => {
            this.listeners = this.listeners.filter((l) => l !== listener);
        });
    };
    fire(value: T): void {
        [...this.listeners].forEach((l) => l(value));
    }
    dispose(): void {
        this.listeners = [];
    }
}

export class Uri {
    private constructor(readonly fsPath: string) {}
    static file(p: string): Uri {
        return new Uri(p);
    }
    static joinPath(base: Uri, ...segments: string[]): Uri {
        return new Uri([base.fsPath, ...segments].join('/'));
    }
    get path(): string {
        return this.fsPath;
    }
    toString(): string {
        return `file://${this.fsPath}`;
    }
}

export enum StatusBarAlignment {
    Left = 1,
    Right = 2,
}

export enum ViewColumn {
    Active = -1,
    Beside = -2,
    One = 1,
}

/** A webview panel: what the extension put in it, and a way to send it messages as its page would. */
export class StubWebviewPanel {
    title: string;
    readonly received = new EventEmitter<any>();
    readonly disposed = new EventEmitter<void>();
    revealed = 0;
    readonly webview = {
        html: '',
        cspSource: 'vscode-resource:',
        asWebviewUri: (u: Uri) => u,
        onDidReceiveMessage: (l: Listener<any>) => this.received.event(l),
    };
    constructor(readonly viewType: string, title: string) {
        this.title = title;
    }
    onDidDispose(l: Listener<void>): Disposable {
        return this.disposed.event(l);
    }
    reveal(): void {
        this.revealed++;
    }
    dispose(): void {
        this.disposed.fire();
    }
}

export enum TreeItemCollapsibleState {
    None = 0,
    Collapsed = 1,
    Expanded = 2,
}

export class ThemeIcon {
    constructor(readonly id: string) {}
}

export class TreeItem {
    description?: string;
    tooltip?: string;
    iconPath?: unknown;
    command?: { command: string; title: string; arguments?: unknown[] };
    constructor(
        readonly label: string,
        readonly collapsibleState?: TreeItemCollapsibleState,
    ) {}
}

export class DebugAdapterExecutable {
    constructor(
        readonly command: string,
        readonly args: string[] = [],
        readonly options: Record<string, unknown> = {},
    ) {}
}

export class DebugAdapterServer {
    constructor(
        readonly port: number,
        readonly host?: string,
    ) {}
}

export class StubStatusBarItem {
    text = '';
    tooltip: string | undefined;
    name: string | undefined;
    command: string | undefined;
    visible = false;
    constructor(
        readonly id: string,
        readonly alignment: StatusBarAlignment,
        readonly priority: number,
    ) {}
    show(): void {
        this.visible = true;
    }
    hide(): void {
        this.visible = false;
    }
    dispose(): void {
        this.visible = false;
    }
}

/** A debug session whose custom requests are answered by `respond`. */
export class StubDebugSession {
    readonly requests: Array<{ command: string; args: any }> = [];
    respond: (command: string, args: any) => Promise<any> = async () => ({});
    constructor(
        readonly id: string,
        readonly type: string = 'backstep',
        readonly configuration: Record<string, any> = { type: 'backstep', request: 'launch', name: 'test' },
        readonly workspaceFolder: { uri: Uri; name: string; index: number } | undefined = undefined,
    ) {}
    get name(): string {
        return String(this.configuration.name);
    }
    customRequest(command: string, args?: any): Promise<any> {
        this.requests.push({ command, args });
        return this.respond(command, args);
    }
}

/** Everything the tests steer or read; reset before each test. */
export const stub = {
    commands: new Map<string, (...args: any[]) => any>(),
    errors: [] as string[],
    infos: [] as string[],
    statusBarItems: [] as StubStatusBarItem[],
    inputBoxAnswers: [] as Array<string | undefined>,
    inputBoxOptions: [] as any[],
    saveDialogAnswers: [] as Array<Uri | undefined>,
    settings: new Map<string, unknown>(),
    outputLines: [] as string[],
    adapterFactories: new Map<string, any>(),
    configurationProviders: new Map<string, any>(),
    trackerFactories: new Map<string, any>(),
    treeProviders: new Map<string, any>(),
    treeViews: new Map<string, { title?: string; message?: string }>(),
    webviewPanels: [] as StubWebviewPanel[],
    activeSessionChanged: new EventEmitter<StubDebugSession | undefined>(),
    reset(): void {
        this.commands.clear();
        this.errors.length = 0;
        this.infos.length = 0;
        this.statusBarItems.length = 0;
        this.inputBoxAnswers.length = 0;
        this.inputBoxOptions.length = 0;
        this.saveDialogAnswers.length = 0;
        this.settings.clear();
        this.outputLines.length = 0;
        this.adapterFactories.clear();
        this.configurationProviders.clear();
        this.trackerFactories.clear();
        this.treeProviders.clear();
        this.treeViews.clear();
        this.webviewPanels.length = 0;
        this.activeSessionChanged = new EventEmitter();
        debug.activeDebugSession = undefined;
        debug.activeStackItem = undefined;
        editorState.file = undefined;
        editorState.line = 0;
    },
    /** Makes `session` the active one and tells the listeners, as VS Code does. */
    activate(session: StubDebugSession | undefined): void {
        debug.activeDebugSession = session;
        this.activeSessionChanged.fire(session);
    },
};

/** What the tests set as the editor under the cursor (a file and a 0-based line), or undefined. */
export const editorState = { file: undefined as string | undefined, line: 0 };

export const window = {
    get activeTextEditor() {
        if (editorState.file === undefined) {
            return undefined;
        }
        return {
            document: { uri: { scheme: 'file', fsPath: editorState.file } },
            selection: { active: { line: editorState.line, character: 0 } },
        };
    },
    createStatusBarItem(id: string, alignment: StatusBarAlignment, priority: number): StubStatusBarItem {
        const item = new StubStatusBarItem(id, alignment, priority);
        stub.statusBarItems.push(item);
        return item;
    },
    createOutputChannel(name: string) {
        return {
            name,
            appendLine: (line: string) => stub.outputLines.push(line),
            append: (text: string) => stub.outputLines.push(text),
            show: () => {},
            dispose: () => {},
        };
    },
    async showErrorMessage(message: string): Promise<undefined> {
        stub.errors.push(message);
        return undefined;
    },
    async showInformationMessage(message: string): Promise<undefined> {
        stub.infos.push(message);
        return undefined;
    },
    async showInputBox(options: any): Promise<string | undefined> {
        stub.inputBoxOptions.push(options);
        return stub.inputBoxAnswers.shift();
    },
    async showSaveDialog(): Promise<Uri | undefined> {
        return stub.saveDialogAnswers.shift();
    },
    createTreeView(id: string, options: { treeDataProvider: unknown }) {
        stub.treeProviders.set(id, options.treeDataProvider);
        const view = { title: undefined as string | undefined, message: undefined as string | undefined, dispose: () => stub.treeProviders.delete(id) };
        stub.treeViews.set(id, view);
        return view;
    },
    createWebviewPanel(viewType: string, title: string): StubWebviewPanel {
        const panel = new StubWebviewPanel(viewType, title);
        stub.webviewPanels.push(panel);
        return panel;
    },
    registerTreeDataProvider(id: string, provider: unknown): Disposable {
        stub.treeProviders.set(id, provider);
        return new Disposable(() => stub.treeProviders.delete(id));
    },
};

export const workspace = {
    getConfiguration(section: string) {
        return {
            get<T>(key: string, fallback?: T): T | undefined {
                const full = `${section}.${key}`;
                return stub.settings.has(full) ? (stub.settings.get(full) as T) : fallback;
            },
        };
    },
};

export const commands = {
    registerCommand(id: string, handler: (...args: any[]) => any): Disposable {
        if (stub.commands.has(id)) {
            throw new Error(`command ${id} registered twice`);
        }
        stub.commands.set(id, handler);
        return new Disposable(() => stub.commands.delete(id));
    },
    async executeCommand(id: string, ...args: any[]): Promise<any> {
        const handler = stub.commands.get(id);
        if (!handler) {
            throw new Error(`command ${id} not found`);
        }
        return handler(...args);
    },
};

export const debug = {
    activeDebugSession: undefined as StubDebugSession | undefined,
    activeStackItem: undefined as { session: StubDebugSession; threadId: number; frameId?: number } | undefined,
    onDidChangeActiveDebugSession(listener: Listener<StubDebugSession | undefined>): Disposable {
        return stub.activeSessionChanged.event(listener);
    },
    registerDebugAdapterDescriptorFactory(type: string, factory: unknown): Disposable {
        stub.adapterFactories.set(type, factory);
        return new Disposable(() => stub.adapterFactories.delete(type));
    },
    registerDebugConfigurationProvider(type: string, provider: unknown): Disposable {
        stub.configurationProviders.set(type, provider);
        return new Disposable(() => stub.configurationProviders.delete(type));
    },
    registerDebugAdapterTrackerFactory(type: string, factory: unknown): Disposable {
        stub.trackerFactories.set(type, factory);
        return new Disposable(() => stub.trackerFactories.delete(type));
    },
};
