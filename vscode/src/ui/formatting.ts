import { RecordingInfo } from '../session/stopHistory';

export function formatBytes(bytes: number): string {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

export function formatIcount(icount: number): string {
    return icount.toLocaleString('en-US');
}

/** One line for the notification; the output channel gets the same. */
export function describeRecordingInfo(info: RecordingInfo): string {
    const parts: string[] = [];
    if (info.mode !== undefined) {
        parts.push(`mode ${info.mode}`);
    }
    if (info.recording !== undefined && info.recording !== '') {
        parts.push(`recording ${info.recording}`);
    }
    if (typeof info.icount === 'number') {
        parts.push(`icount ${formatIcount(info.icount)}`);
    }
    if (typeof info.recordedLength === 'number') {
        parts.push(`recorded ${formatIcount(info.recordedLength)} instructions`);
    }
    if (typeof info.snapshotCount === 'number') {
        const bytes = typeof info.snapshotBytes === 'number' ? ` (${formatBytes(info.snapshotBytes)})` : '';
        parts.push(`${info.snapshotCount} snapshots${bytes}`);
    } else if (typeof info.snapshotBytes === 'number') {
        parts.push(`snapshots ${formatBytes(info.snapshotBytes)}`);
    }
    return parts.length > 0 ? `Backstep: ${parts.join(', ')}` : 'Backstep: the server sent no recording information';
}
