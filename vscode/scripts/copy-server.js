// Puts the server jar built by emulator/cli into server/, where the extension
// starts it from and where `vsce package` picks it up.
'use strict';
const fs = require('fs');
const path = require('path');

const source = path.resolve(__dirname, '..', '..', 'emulator', 'cli', 'target', 'backstep.jar');
const targetDir = path.resolve(__dirname, '..', 'server');
const target = path.join(targetDir, 'backstep.jar');

if (!fs.existsSync(source)) {
    console.error(`copy-server: ${source} does not exist; build it first: ./mvnw -pl emulator/cli -am package`);
    process.exit(1);
}
fs.mkdirSync(targetDir, { recursive: true });
fs.copyFileSync(source, target);
console.log(`copy-server: ${source} -> ${target} (${fs.statSync(target).size} bytes)`);
