import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describe, test } from 'node:test';
import { EXTENSION_ROOT } from '../support/harness';
import { LAUNCH_DEFAULTS } from '../../src/config/launchConfiguration';
import { CommandId, TIMELINE_VIEW_ID } from '../../src/ui/commandIds';
import { HistoryCommandId, HISTORY_VIEW_ID } from '../../src/history/historyView';

const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, 'package.json'), 'utf8'));
const debuggerContribution = manifest.contributes.debuggers[0];
const launch = debuggerContribution.configurationAttributes.launch;

describe('package.json', () => {
    test('declares the backstep debugger for C, C++ and assembly', () => {
        assert.equal(debuggerContribution.type, 'backstep');
        assert.equal(debuggerContribution.label, 'Backstep (RISC-V time-travel)');
        assert.deepEqual(debuggerContribution.languages, ['c', 'cpp', 'asm']);
        assert.deepEqual(manifest.contributes.breakpoints.map((b: any) => b.language), ['c', 'cpp', 'asm']);
    });

    test('documents every launch attribute with type, description and default', () => {
        const expected = ['program', 'mode', 'recording', 'overwrite', 'token', 'stopOnEntry', 'input', 'inputText', 'consoleInput', 'rtos', 'semihosting', 'semihostingDir', 'semihostingCmdline', 'ram', 'snapshotBudget', 'translate', 'isa', 'debugServer', 'javaHome'];
        assert.deepEqual(Object.keys(launch.properties).sort(), [...expected].sort());
        for (const [name, schema] of Object.entries<any>(launch.properties)) {
            assert.ok(schema.type, `${name} has a type`);
            assert.ok(schema.description && schema.description.length > 20, `${name} has a description`);
            assert.ok('default' in schema, `${name} has a default`);
        }
        assert.deepEqual(launch.required, ['program']);
        assert.deepEqual(launch.properties.mode.enum, ['record', 'replay']);
    });

    test('the documented defaults are the ones the provider fills', () => {
        assert.equal(launch.properties.mode.default, LAUNCH_DEFAULTS.mode);
        assert.equal(launch.properties.stopOnEntry.default, LAUNCH_DEFAULTS.stopOnEntry);
    });

    test('initial configurations and snippets are complete launch configurations', () => {
        const configs = [...debuggerContribution.initialConfigurations, ...debuggerContribution.configurationSnippets.map((s: any) => s.body)];
        assert.ok(debuggerContribution.configurationSnippets.length >= 2);
        for (const config of configs) {
            assert.equal(config.type, 'backstep');
            assert.equal(config.request, 'launch');
            assert.ok(config.name);
            assert.ok(config.program);
            for (const key of Object.keys(config)) {
                assert.ok(['type', 'request', 'name'].includes(key) || key in launch.properties, `${key} is a documented attribute`);
            }
        }
    });

    test('every command the code registers is contributed, and every menu entry names one', () => {
        const contributed = new Set(manifest.contributes.commands.map((c: any) => c.command));
        assert.deepEqual([...contributed].sort(), [...Object.values(CommandId), ...Object.values(HistoryCommandId)].sort());
        for (const [menu, entries] of Object.entries<any[]>(manifest.contributes.menus)) {
            for (const entry of entries) {
                assert.ok(contributed.has(entry.command), `${menu}: ${entry.command}`);
            }
        }
    });

    test('commands are enabled only in a Backstep session; Reverse Step Out is on the debug toolbar', () => {
        for (const command of manifest.contributes.commands) {
            assert.match(command.enablement, /debugType == backstep/, command.command);
        }
        // the Timeline's entries run Seek Here: an enablement on the debug state would leave them greyed when the
        // view was drawn while the program ran (VS Code does not redraw them when the state changes back)
        const seekTo = manifest.contributes.commands.find((c: any) => c.command === CommandId.seekTo);
        assert.doesNotMatch(seekTo.enablement, /debugState/);
        const toolbar = manifest.contributes.menus['debug/toolBar'];
        assert.deepEqual(toolbar.map((e: any) => e.command), [CommandId.reverseStepOut]);
        assert.match(toolbar[0].when, /debugType == backstep/);
        const reverseStepOut = manifest.contributes.commands.find((c: any) => c.command === CommandId.reverseStepOut);
        for (const icon of [reverseStepOut.icon.light, reverseStepOut.icon.dark]) {
            assert.ok(fs.existsSync(path.join(EXTENSION_ROOT, icon)), icon);
        }
    });

    test('the timeline view lives in the Run and Debug side bar', () => {
        assert.deepEqual(manifest.contributes.views.debug.map((v: any) => v.id), [TIMELINE_VIEW_ID, HISTORY_VIEW_ID]);
    });

    test('activates when a backstep session is resolved and offers its settings', () => {
        assert.ok(manifest.activationEvents.includes('onDebugResolve:backstep'));
        assert.ok(manifest.contributes.configuration.properties['backstep.javaHome']);
        assert.equal(manifest.main, './out/src/extension.js');
    });

    test('has no runtime dependencies and pins its tools', () => {
        assert.equal(manifest.dependencies, undefined);
        assert.equal(manifest.devDependencies.typescript, '5.9.3');
        assert.match(manifest.devDependencies['@vscode/vsce'], /^3\.9\.\d+$/);
    });
});
