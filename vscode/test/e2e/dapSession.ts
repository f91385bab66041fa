/**
 * A DebugClient around the real server process, with the timeouts the
 * client lacks (its requests never time out) and an event log that keeps
 * every event, so that an event arriving before the test waits for it is
 * not lost (DebugClient.waitForEvent only sees events after the call).
 */
import * as fs from 'fs';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';

export const REQUEST_TIMEOUT_MS = 30000;
export const RUN_TIMEOUT_MS = 60000;

export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const EVENTS = ['initialized', 'stopped', 'continued', 'output', 'terminated', 'exited', 'breakpoint', 'thread', 'progressStart', 'progressEnd'];

export class EventLog {
    private readonly seen = new Map<string, DebugProtocol.Event[]>();
    private readonly consumed = new Map<string, number>();
    private readonly waiters: Array<() => void> = [];

    constructor(client: DebugClient) {
        for (const name of EVENTS) {
            this.seen.set(name, []);
            this.consumed.set(name, 0);
            client.on(name, (event: DebugProtocol.Event) => {
                this.seen.get(name)!.push(event);
                this.waiters.splice(0).forEach((wake) => wake());
            });
        }
    }

    all(name: string): DebugProtocol.Event[] {
        return [...(this.seen.get(name) ?? [])];
    }

    /** The next event of one of `names` not returned before. */
    async next(names: string | string[], ms = RUN_TIMEOUT_MS): Promise<DebugProtocol.Event> {
        const wanted = Array.isArray(names) ? names : [names];
        const take = (): DebugProtocol.Event | undefined => {
            let best: { name: string; event: DebugProtocol.Event; seq: number } | undefined;
            for (const name of wanted) {
                const index = this.consumed.get(name)!;
                const event = this.seen.get(name)![index];
                if (event && (!best || event.seq < best.seq)) {
                    best = { name, event, seq: event.seq };
                }
            }
            if (best) {
                this.consumed.set(best.name, this.consumed.get(best.name)! + 1);
                return best.event;
            }
            return undefined;
        };
        const wait = async (): Promise<DebugProtocol.Event> => {
            for (;;) {
                const event = take();
                if (event) {
                    return event;
                }
                await new Promise<void>((resolve) => this.waiters.push(resolve));
            }
        };
        return within(wait(), ms, `waiting for ${wanted.join(' or ')}`);
    }

    /** Everything the program printed so far, in order. */
    output(): string {
        return this.all('output')
            .filter((e) => e.body.category === 'stdout' || e.body.category === undefined)
            .map((e) => e.body.output as string)
            .join('');
    }
}

export class DapSession {
    readonly client: DebugClient;
    readonly events: EventLog;
    private capabilities: DebugProtocol.Capabilities = {};

    private constructor(java: string, javaArgs: string[], scratch: string) {
        // DebugClient spawns `runtime executable` with exactly one argument: hand java an @argfile.
        const argfile = path.join(scratch, `dap-${process.pid}-${++DapSession.started}.args`);
        const quoted = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
        fs.writeFileSync(argfile, javaArgs.map(quoted).join('\n') + '\n');
        this.client = new DebugClient(java, `@${argfile}`, 'backstep', { cwd: scratch }, !!process.env.BACKSTEP_E2E_STDERR);
        this.client.defaultTimeout = RUN_TIMEOUT_MS;
        this.events = new EventLog(this.client);
    }

    private static started = 0;

    /** Starts `java <javaArgs>` (what the extension's adapter factory returned) and connects over stdio. */
    static async start(java: string, javaArgs: string[], scratch: string): Promise<DapSession> {
        const session = new DapSession(java, javaArgs, scratch);
        await within(session.client.start(), REQUEST_TIMEOUT_MS, 'starting the server');
        return session;
    }

    request<T extends DebugProtocol.Response>(command: string, args?: object, ms = REQUEST_TIMEOUT_MS): Promise<T> {
        return within(this.client.customRequest(command, args) as Promise<T>, ms, `request ${command}`);
    }

    async initialize(): Promise<DebugProtocol.Capabilities> {
        const response = await this.request<DebugProtocol.InitializeResponse>('initialize', {
            clientID: 'backstep-e2e',
            adapterID: 'backstep',
            linesStartAt1: true,
            columnsStartAt1: true,
            pathFormat: 'path',
            supportsProgressReporting: true,
        });
        this.capabilities = response.body ?? {};
        return this.capabilities;
    }

    /** initialize, launch, breakpoints, configurationDone: the order VS Code uses. */
    async launch(args: Record<string, unknown>, breakpoints: Array<{ path: string; lines: number[] }> = []) {
        await this.initialize();
        let launchError: unknown;
        const launched = this.request('launch', args, RUN_TIMEOUT_MS).then(
            () => undefined,
            (error) => {
                launchError = error;
            },
        );
        const initialized = this.events.next('initialized');
        initialized.catch(() => {});
        // A launch that fails before `initialized` must fail the test with its own message, not a timeout.
        await Promise.race([
            initialized,
            launched.then(() => {
                if (launchError) {
                    throw launchError;
                }
                return initialized;
            }),
        ]);
        const verified: DebugProtocol.Breakpoint[][] = [];
        for (const bp of breakpoints) {
            const response = await this.request<DebugProtocol.SetBreakpointsResponse>('setBreakpoints', {
                source: { path: bp.path },
                breakpoints: bp.lines.map((line) => ({ line })),
            });
            verified.push(response.body.breakpoints);
        }
        if (this.capabilities.supportsConfigurationDoneRequest) {
            await this.request('configurationDone');
        }
        await launched;
        if (launchError) {
            throw launchError;
        }
        return verified;
    }

    async stop(): Promise<void> {
        try {
            await within(this.client.stop(), REQUEST_TIMEOUT_MS, 'disconnect');
        } catch {
            // stop() kills the process even when disconnect fails; a timeout leaves only a kill to do.
            (this.client as unknown as { stopAdapter(): void }).stopAdapter();
        }
    }
}
