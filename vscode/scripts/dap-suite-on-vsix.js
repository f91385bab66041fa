#!/usr/bin/env node
// Runs the DAP end-to-end suite of emulator/dap-e2e against the server jar INSIDE the built .vsix:
// the very jar a user gets, not the one in emulator/cli/target.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const extensionRoot = path.resolve(__dirname, '..');
const suite = path.resolve(extensionRoot, '..', 'emulator', 'dap-e2e');
const manifest = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
const vsix = path.join(extensionRoot, `${manifest.name}-${manifest.version}.vsix`);

function skip(why) {
    console.log(`# DAP suite on the .vsix jar skipped: ${why}`);
    process.exit(0);
}

if (!fs.existsSync(vsix)) skip(`${vsix} is not built (npm run package)`);
if (!fs.existsSync(path.join(suite, 'node_modules'))) skip(`${suite} has no node_modules (build emulator/dap-e2e first)`);
if (!fs.existsSync(path.join(suite, 'schema'))) skip(`${suite} has no generated schema (npm run schema there)`);

const into = fs.mkdtempSync(path.join(os.tmpdir(), 'backstep-vsix-'));
try {
    let r = spawnSync('unzip', ['-q', '-o', vsix, '-d', into], { stdio: 'inherit' });
    if (r.status !== 0) r = spawnSync('jar', ['xf', vsix], { cwd: into, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`cannot unpack ${vsix} (neither unzip nor jar worked)`);
    const jar = path.join(into, 'extension', 'server', 'backstep.jar');
    if (!fs.existsSync(jar)) throw new Error(`the .vsix has no extension/server/backstep.jar`);
    console.log(`# DAP suite (emulator/dap-e2e) against ${path.basename(vsix)}'s server/backstep.jar`);
    const run = spawnSync('npm', ['test'], {
        cwd: suite,
        stdio: 'inherit',
        env: { ...process.env, BACKSTEP_JAR: jar },
    });
    process.exitCode = run.status === null ? 1 : run.status;
} finally {
    fs.rmSync(into, { recursive: true, force: true });
}
