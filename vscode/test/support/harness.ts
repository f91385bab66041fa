/**
 * Loads the compiled extension with `require('vscode')` answered by the
 * stand-in module, and activates it with a fake extension context.
 */
import * as path from 'path';
import Module = require('module');

const stubPath = require.resolve('./vscodeStub');
const moduleInternals = Module as unknown as {
    _resolveFilename: (request: string, parent: unknown, ...rest: unknown[]) => string;
};
const originalResolve = moduleInternals._resolveFilename;
moduleInternals._resolveFilename = function (request: string, parent: unknown, ...rest: unknown[]): string {
    if (request === 'vscode') {
        return stubPath;
    }
    return originalResolve.call(this, request, parent, ...rest);
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
import stubModule = require('./vscodeStub');
export const vscode = stubModule;
export const stub = stubModule.stub;

import type { BackstepExtensionApi } from '../../src/extension';

/** The folder of the extension: vscode/, two levels above out/test/support. */
export const EXTENSION_ROOT = path.resolve(__dirname, '..', '..', '..');

export interface Activated {
    readonly api: BackstepExtensionApi;
    readonly context: { subscriptions: Array<{ dispose(): unknown }>; extensionPath: string };
    dispose(): void;
}

export function activateExtension(extensionPath: string = EXTENSION_ROOT): Activated {
    stub.reset();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const extension = require('../../src/extension') as typeof import('../../src/extension');
    const context = { subscriptions: [] as Array<{ dispose(): unknown }>, extensionPath };
    const api = extension.activate(context as never);
    return {
        api,
        context,
        dispose: () => context.subscriptions.forEach((s) => s.dispose()),
    };
}

/** Lets pending promise callbacks (custom request answers) run. */
export function settle(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
}
