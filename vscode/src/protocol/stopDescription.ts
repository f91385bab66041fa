/**
 * The server puts the position into the stopped event's description, e.g.
 * "Paused on breakpoint at icount 1234" or "Start of recording at icount 0".
 * Some servers may also send a numeric `icount` in the body: take it first.
 */
export function icountOfStoppedEvent(body: { description?: unknown; icount?: unknown } | undefined): number | undefined {
    if (!body) {
        return undefined;
    }
    if (typeof body.icount === 'number' && Number.isSafeInteger(body.icount) && body.icount >= 0) {
        return body.icount;
    }
    if (typeof body.description !== 'string') {
        return undefined;
    }
    const match = /\bicount\s*[:=]?\s*(\d+)/i.exec(body.description);
    if (!match) {
        return undefined;
    }
    const value = Number(match[1]);
    return Number.isSafeInteger(value) ? value : undefined;
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
