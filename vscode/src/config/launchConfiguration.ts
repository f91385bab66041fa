/** The launch attributes the Backstep server and this extension understand. */
export interface BackstepLaunchConfiguration {
    type: string;
    request: string;
    name: string;
    program?: string;
    mode?: 'record' | 'replay';
    recording?: string;
    overwrite?: boolean;
    token?: string;
    stopOnEntry?: boolean;
    input?: string;
    inputText?: string;
    consoleInput?: boolean;
    rtos?: 'auto' | 'freertos' | 'none';
    ram?: string;
    snapshotBudget?: string;
    translate?: boolean;
    isa?: string;
    debugServer?: number;
    javaHome?: string;
    [key: string]: unknown;
}

export const DEBUG_TYPE = 'backstep';

export const LAUNCH_DEFAULTS = {
    mode: 'record',
    stopOnEntry: true,
} as const;

const SIZE = /^\d+\s*([KMGT](i?B)?|B)?$/i;

function describeValue(value: unknown): string {
    return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

/** Fills what the user left out, without overriding anything they wrote. */
export function withDefaults(config: Record<string, unknown>): BackstepLaunchConfiguration {
    const filled: Record<string, unknown> = { ...config };
    filled.type ??= DEBUG_TYPE;
    filled.request ??= 'launch';
    filled.name ??= 'Backstep: debug ELF';
    filled.mode ??= LAUNCH_DEFAULTS.mode;
    filled.stopOnEntry ??= LAUNCH_DEFAULTS.stopOnEntry;
    return filled as BackstepLaunchConfiguration;
}

/**
 * The first problem of a configuration, worded for the user, or undefined.
 * Only what the extension can know before the server runs: types and shapes.
 */
export function problemOf(config: BackstepLaunchConfiguration): string | undefined {
    if (config.request !== 'launch') {
        return `Backstep: request ${describeValue(config.request)} is not supported; use "launch".`;
    }
    if (typeof config.program !== 'string' || config.program.trim() === '') {
        return (
            'Backstep: the launch configuration has no "program". Set "program" to the ELF file to debug ' +
            '(built for rv32imac with -g), for example "${workspaceFolder}/build/firmware.elf".'
        );
    }
    if (config.mode !== 'record' && config.mode !== 'replay') {
        return `Backstep: "mode" is ${describeValue(config.mode)}; it must be "record" or "replay".`;
    }
    if (config.mode === 'replay' && (typeof config.recording !== 'string' || config.recording.trim() === '')) {
        return 'Backstep: "mode" is "replay" but "recording" is not set; set it to the recording file to open.';
    }
    if (config.recording !== undefined && typeof config.recording !== 'string') {
        return `Backstep: "recording" must be a file path, not ${describeValue(config.recording)}.`;
    }
    if (typeof config.stopOnEntry !== 'boolean') {
        return `Backstep: "stopOnEntry" must be true or false, not ${describeValue(config.stopOnEntry)}.`;
    }
    if (config.input !== undefined && typeof config.input !== 'string') {
        return `Backstep: "input" must be a file path, not ${describeValue(config.input)}.`;
    }
    if (config.inputText !== undefined && typeof config.inputText !== 'string') {
        return `Backstep: "inputText" must be a string, not ${describeValue(config.inputText)}.`;
    }
    if (config.consoleInput !== undefined && typeof config.consoleInput !== 'boolean') {
        return `Backstep: "consoleInput" must be true or false, not ${describeValue(config.consoleInput)}.`;
    }
    if (config.rtos !== undefined && !['auto', 'freertos', 'none'].includes(config.rtos as string)) {
        return `Backstep: "rtos" must be "auto", "freertos" or "none", not ${describeValue(config.rtos)}.`;
    }
    if (config.translate !== undefined && typeof config.translate !== 'boolean') {
        return `Backstep: "translate" must be true or false, not ${describeValue(config.translate)}.`;
    }
    if (config.isa !== undefined && (typeof config.isa !== 'string' || !/^$|^rv32[a-z0-9_]+$/i.test(config.isa.trim()))) {
        return `Backstep: "isa" is ${describeValue(config.isa)}; write an arch string such as "rv32imafdc_zba_zbb_zbs" (or leave it out: the ELF says).`;
    }
    if (config.input !== undefined && config.inputText !== undefined) {
        return 'Backstep: set either "input" (a file) or "inputText" (literal text) for the UART, not both.';
    }
    for (const key of ['ram', 'snapshotBudget'] as const) {
        const value = config[key];
        if (value !== undefined && (typeof value !== 'string' || !SIZE.test(value.trim()))) {
            return `Backstep: "${key}" is ${describeValue(value)}; write a size such as "128M", "64MiB" or "1G".`;
        }
    }
    if (config.debugServer !== undefined) {
        const port = config.debugServer;
        if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
            return `Backstep: "debugServer" is ${describeValue(port)}; it must be the TCP port (1-65535) of a running "backstep dap --port N".`;
        }
    }
    if (config.javaHome !== undefined && typeof config.javaHome !== 'string') {
        return `Backstep: "javaHome" must be a folder path, not ${describeValue(config.javaHome)}.`;
    }
    return undefined;
}
