import type { HistoryEntry, HistoryResponse } from '../protocol/backstepProtocol';

/** Entries asked for per page; "Load More" asks for the next page from where the last one ended. */
export const PAGE_SIZE = 500;

/** What a history was asked about: a value (expression or data id) or the executions of a line or function. */
export type HistoryTarget =
    | { kind: 'values'; expression: string; frameId?: number; dataId?: string }
    | { kind: 'hits'; path?: string; line?: number; functionName?: string; expression?: string };

/**
 * The lvalue a Variables or Watch context menu was opened on. VS Code passes `{ variable: { evaluateName, name } }`
 * for Variables entries and, depending on the version, the same or `{ expression: { name } }` for Watch entries.
 */
export function expressionOf(context: unknown): string | undefined {
    const c = context as
        | { variable?: { evaluateName?: unknown; name?: unknown }; expression?: unknown; evaluateName?: unknown; name?: unknown }
        | undefined;
    if (!c || typeof c !== 'object') {
        return undefined;
    }
    const candidates = [
        c.variable?.evaluateName,
        c.evaluateName,
        typeof c.expression === 'object' && c.expression !== null ? (c.expression as { name?: unknown }).name : c.expression,
        c.variable?.name,
        c.name,
    ];
    for (const x of candidates) {
        if (typeof x === 'string' && x.trim() !== '') {
            return x.trim();
        }
    }
    return undefined;
}

/** The file name alone, for short labels. */
function baseName(path: string | undefined): string | undefined {
    if (!path) {
        return undefined;
    }
    const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return i < 0 ? path : path.substring(i + 1);
}

/** `configure (corrupt.c:26)`. */
export function whereOf(e: HistoryEntry): string {
    const file = baseName(e.path);
    return `${e.function ?? '??'}${file ? ` (${file}:${e.line ?? '?'})` : ''}`;
}

/** The label of an entry in the list: what happened (value history) or the value there (line history). */
export function labelOf(e: HistoryEntry, kind: string): string {
    if (kind === 'values') {
        return `${e.oldValue ?? '?'} → ${e.value ?? '?'}${e.changed === false ? ' (same value)' : ''}`;
    }
    return e.value !== undefined ? e.value : whereOf(e);
}

/** The description beside the label: where in time and in the source. */
export function descriptionOf(e: HistoryEntry, kind: string): string {
    return kind === 'values' || e.value !== undefined
        ? `icount ${e.icount} · ${whereOf(e)}`
        : `icount ${e.icount}`;
}

/** What a click on an entry shows: for a write, the state just after it; the state before it is one icount back. */
export function tooltipOf(e: HistoryEntry, kind: string): string {
    if (kind === 'values') {
        return `Write at icount ${e.before} by ${whereOf(e)} (pc ${e.pc}): ${e.oldValue} → ${e.value}.\n`
            + `Click: the state just after the write (icount ${e.icount}). "Go to Just Before the Write": icount ${e.before}.`;
    }
    return `Hit at icount ${e.icount}: ${whereOf(e)} (pc ${e.pc})${e.value !== undefined ? `, value ${e.value}` : ''}.\n`
        + 'Click: the state just before the line runs.';
}

/** A plot point: x the icount, y the value; only entries with a numeric value. */
export interface PlotPoint {
    x: number;
    y: number;
    icount: number;
    label: string;
}

/** The points to plot (icount, value) and whether the values are numbers at all. */
export function plotPoints(entries: readonly HistoryEntry[], kind: string): PlotPoint[] {
    const out: PlotPoint[] = [];
    for (const e of entries) {
        if (typeof e.number === 'number' && Number.isFinite(e.number)) {
            out.push({ x: e.icount, y: e.number, icount: e.icount, label: `${whereOf(e)}: ${labelOf(e, kind)}` });
        }
    }
    return out;
}

/** The title of a history: "Value history of config.alarm_limit (4 bytes at 0x80000f9c), int32_t". */
export function titleOf(r: HistoryResponse): string {
    return `${r.kind === 'values' ? 'Value history of' : 'Line history of'} ${r.subject}${r.type ? `, ${r.type}` : ''}`;
}
