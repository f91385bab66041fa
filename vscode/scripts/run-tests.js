// Runs `node --test` on every compiled *.test.js of one folder. Node 20 takes
// folders but no globs, Node 22 globs but reads folders differently: naming
// the files works on both.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const folder = path.resolve(__dirname, '..', process.argv[2] || 'out/test/unit');
if (!fs.existsSync(folder)) {
    console.error(`run-tests: ${folder} does not exist; run \`npm run compile\` first`);
    process.exit(1);
}
const files = fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => path.join(folder, name));
if (files.length === 0) {
    console.error(`run-tests: no *.test.js in ${folder}`);
    process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', ...files], { stdio: 'inherit' });
process.exit(result.status === null ? 1 : result.status);
