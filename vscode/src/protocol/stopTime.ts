import { StoppedEventBody, TimeDirection } from './backstepProtocol';

/** Where a stop is in time, as the server sends it in the stopped event's body (never parsed from the text). */
export interface StopTime {
    readonly icount: number | undefined;
    readonly direction: TimeDirection | undefined;
    readonly recordedLength: number | undefined;
}

function count(value: unknown): number | undefined {
    return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

export function stopTimeOf(body: Partial<StoppedEventBody> | undefined): StopTime {
    const direction = body?.direction === 'forward' || body?.direction === 'backward' ? body.direction : undefined;
    return { icount: count(body?.icount), direction, recordedLength: count(body?.recordedLength) };
}

/** Parses what the user typed as an icount: a decimal or 0x-hex non-negative integer, `_` and `,` allowed as separators. */
export function parseIcountInput(text: string): number | undefined {
    const cleaned = text.trim().replace(/[_,]/g, '');
    if (!/^(\d+|0[xX][0-9a-fA-F]+)$/.test(cleaned)) {
        return undefined;
    }
    const value = Number(cleaned);
    return Number.isSafeInteger(value) ? value : undefined;
}
