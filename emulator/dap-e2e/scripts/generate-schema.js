'use strict';
// Generates the DAP JSON schema from the protocol's own TypeScript declarations, offline:
// every message the suite sends or receives is validated against it.
const fs = require('fs');
const path = require('path');
const { createGenerator, DEFAULT_CONFIG } = require('ts-json-schema-generator');

const root = path.join(__dirname, '..');
const dts = require.resolve('@vscode/debugprotocol/lib/debugProtocol.d.ts', { paths: [root] });
const out = path.join(root, 'schema', 'dap.schema.json');

const schema = createGenerator({ ...DEFAULT_CONFIG, path: dts, type: '*', skipTypeCheck: true, expose: 'all' })
    .createSchema('*');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(schema, null, 1));
console.log(`schema: ${Object.keys(schema.definitions).length} definitions -> ${path.relative(root, out)}`);
