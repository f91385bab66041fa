import { strict as assert } from 'assert';
import { test } from 'node:test';
import { parseIcountInput, stopTimeOf } from '../../src/protocol/stopTime';
import { describeRecordingInfo, formatBytes } from '../../src/ui/formatting';

test('the time of a stop is read from the fields of the stopped body, never from its text', () => {
    assert.deepEqual(stopTimeOf({ reason: 'step', icount: 1234, direction: 'backward', recordedLength: 5000 }), {
        icount: 1234,
        direction: 'backward',
        recordedLength: 5000,
    });
    assert.deepEqual(stopTimeOf({ reason: 'breakpoint', description: 'Paused on breakpoint at icount 1234' }), {
        icount: undefined,
        direction: undefined,
        recordedLength: undefined,
    });
    assert.equal(stopTimeOf({ reason: 'step', icount: -1 }).icount, undefined);
    assert.equal(stopTimeOf({ reason: 'step', direction: 'sideways' as any }).direction, undefined);
    assert.equal(stopTimeOf(undefined).icount, undefined);
});

test('typed icounts', () => {
    assert.equal(parseIcountInput(' 42 '), 42);
    assert.equal(parseIcountInput('0x10'), 16);
    assert.equal(parseIcountInput('1,000'), 1000);
    assert.equal(parseIcountInput(''), undefined);
    assert.equal(parseIcountInput('-3'), undefined);
    assert.equal(parseIcountInput('1e3'), undefined);
    assert.equal(parseIcountInput('99999999999999999999'), undefined);
});

test('recording info shows what arrived and nothing else', () => {
    assert.equal(describeRecordingInfo({ mode: 'replay', icount: 5 }), 'Backstep: mode replay, icount 5');
    assert.equal(describeRecordingInfo({}), 'Backstep: the server sent no recording information');
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.5 KiB');
});
