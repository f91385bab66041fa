// Copies Chart.js (an npm dependency) into out/media, where the history plot's webview loads it from: the .vsix
// carries it (no network at run time) and is packaged without node_modules.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const from = path.join(root, 'node_modules', 'chart.js');
const to = path.join(root, 'out', 'media');
fs.mkdirSync(to, { recursive: true });
fs.copyFileSync(path.join(from, 'dist', 'chart.umd.min.js'), path.join(to, 'chart.umd.js'));
fs.copyFileSync(path.join(from, 'LICENSE.md'), path.join(to, 'chart.js-LICENSE.md'));
