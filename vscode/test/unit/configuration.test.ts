import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { activateExtension, Activated, stub, vscode } from '../support/harness';
import { tempDir } from '../support/fakeJava';

describe('debug configuration provider', () => {
    let activated: Activated;
    let provider: any;
    beforeEach(() => {
        activated = activateExtension();
        provider = stub.configurationProviders.get('backstep');
        assert.ok(provider, 'a configuration provider is registered for type backstep');
    });
    afterEach(() => activated.dispose());

    const resolve = (config: Record<string, unknown>) => provider.resolveDebugConfiguration(undefined, config);

    test('fills mode and stopOnEntry and keeps what the user wrote', () => {
        const resolved = resolve({ type: 'backstep', request: 'launch', name: 'mine', program: 'fw.elf', ram: '64M' });
        assert.deepEqual(resolved, {
            type: 'backstep',
            request: 'launch',
            name: 'mine',
            program: 'fw.elf',
            ram: '64M',
            mode: 'record',
            stopOnEntry: true,
        });
        assert.deepEqual(stub.errors, []);
    });

    test('does not override explicit values', () => {
        const resolved = resolve({ type: 'backstep', request: 'launch', name: 'r', program: 'fw.elf', mode: 'replay', recording: 'a.bsrec', stopOnEntry: false });
        assert.equal(resolved.mode, 'replay');
        assert.equal(resolved.stopOnEntry, false);
    });

    test('an empty configuration (F5 without launch.json) gets type, request and name, then needs a program', () => {
        const resolved = resolve({});
        assert.equal(resolved, undefined);
        assert.equal(stub.errors.length, 1);
        assert.match(stub.errors[0], /no "program"/);
    });

    test('rejects a missing program with a clear message', () => {
        assert.equal(resolve({ type: 'backstep', request: 'launch', name: 'x' }), undefined);
        assert.deepEqual(stub.errors, [
            'Backstep: the launch configuration has no "program". Set "program" to the ELF file to debug ' +
                '(built for rv32imac with -g), for example "${workspaceFolder}/build/firmware.elf".',
        ]);
    });

    test('rejects a blank program', () => {
        assert.equal(resolve({ program: '   ' }), undefined);
        assert.match(stub.errors[0], /no "program"/);
    });

    const bad: Array<[string, Record<string, unknown>, RegExp]> = [
        ['an unknown mode', { mode: 'rewind' }, /"mode" is "rewind"; it must be "record" or "replay"/],
        ['replay without a recording', { mode: 'replay' }, /"replay" but "recording" is not set/],
        ['a stopOnEntry that is no boolean', { stopOnEntry: 'yes' }, /"stopOnEntry" must be true or false/],
        ['both input and inputText', { input: 'in.txt', inputText: 'abc' }, /either "input".*or "inputText"/],
        ['an unreadable ram size', { ram: 'lots' }, /"ram" is "lots"; write a size such as "128M"/],
        ['a numeric snapshotBudget', { snapshotBudget: 256 }, /"snapshotBudget" is 256/],
        ['translate given as text', { translate: 'no' }, /"translate" must be true or false/],
        ['a debugServer port out of range', { debugServer: 70000 }, /"debugServer" is 70000/],
        ['a debugServer given as text', { debugServer: '4711' }, /"debugServer" is "4711"/],
        ['an attach request', { request: 'attach' }, /request "attach" is not supported/],
    ];
    for (const [what, extra, message] of bad) {
        test(`rejects ${what}`, () => {
            assert.equal(resolve({ type: 'backstep', request: 'launch', name: 'x', program: 'fw.elf', ...extra }), undefined);
            assert.equal(stub.errors.length, 1);
            assert.match(stub.errors[0], message);
        });
    }

    test('accepts the sizes people write', () => {
        for (const size of ['128M', '64MiB', '1G', '512k', '1048576', '256 MB']) {
            assert.ok(resolve({ program: 'fw.elf', ram: size, snapshotBudget: size }), size);
        }
        assert.deepEqual(stub.errors, []);
    });

    describe('after variable substitution', () => {
        let folder: string;
        let workspaceFolder: any;
        beforeEach(() => {
            folder = tempDir('ws');
            fs.mkdirSync(path.join(folder, 'build'));
            fs.writeFileSync(path.join(folder, 'build', 'fw.elf'), 'ELF');
            workspaceFolder = { uri: vscode.Uri.file(folder), name: 'ws', index: 0 };
        });
        const substituted = (config: Record<string, unknown>) =>
            provider.resolveDebugConfigurationWithSubstitutedVariables(workspaceFolder, {
                type: 'backstep',
                request: 'launch',
                name: 'x',
                mode: 'record',
                stopOnEntry: true,
                ...config,
            });

        test('relative paths are taken from the workspace folder', () => {
            const resolved = substituted({ program: 'build/fw.elf', recording: 'out.bsrec' });
            assert.equal(resolved.program, path.join(folder, 'build', 'fw.elf'));
            assert.equal(resolved.recording, path.join(folder, 'out.bsrec'));
            assert.deepEqual(stub.errors, []);
        });

        test('a program that does not exist is reported', () => {
            assert.equal(substituted({ program: 'build/missing.elf' }), undefined);
            assert.match(stub.errors[0], /"program" file .*missing\.elf does not exist/);
        });

        test('a recording to replay must exist; one to record need not', () => {
            assert.ok(substituted({ program: 'build/fw.elf', recording: 'new.bsrec' }));
            assert.equal(substituted({ program: 'build/fw.elf', mode: 'replay', recording: 'old.bsrec' }), undefined);
            assert.match(stub.errors[0], /"recording" file .*old\.bsrec does not exist/);
        });

        test('files are not checked when attaching to a running server', () => {
            assert.ok(substituted({ program: '/elsewhere/fw.elf', debugServer: 4711 }));
            assert.deepEqual(stub.errors, []);
        });
    });
});
