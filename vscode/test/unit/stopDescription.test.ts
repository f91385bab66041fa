import { strict as assert } from 'assert';
import { test } from 'node:test';
import { icountOfStoppedEvent, parseIcountInput } from '../../src/protocol/stopDescription';
import { describeRecordingInfo, formatBytes } from '../../src/ui/formatting';

test('the icount is read from the stopped description', () => {
    assert.equal(icountOfStoppedEvent({ description: 'Paused on breakpoint at icount 1234' }), 1234);
    assert.equal(icountOfStoppedEvent({ description: 'Start of recording at icount 0 (reverse)' }), 0);
    assert.equal(icountOfStoppedEvent({ description: 'stepped back, icount: 77' }), 77);
    assert.equal(icountOfStoppedEvent({ description: 'Paused on breakpoint' }), undefined);
    assert.equal(icountOfStoppedEvent({}), undefined);
    assert.equal(icountOfStoppedEvent(undefined), undefined);
});

test('a numeric icount in the body wins', () => {
    assert.equal(icountOfStoppedEvent({ icount: 9, description: 'at icount 8' }), 9);
    assert.equal(icountOfStoppedEvent({ icount: -1, description: 'at icount 8' }), 8);
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
