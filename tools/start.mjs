#!/usr/bin/env node
// `npm start`: the embedded default, one process with clients on 4222 and HTTP on
// 8222, JetStream storing in ./data. Builds what it needs first, then
// becomes the server: the tsnats main runs in this very process, so signals sent
// to `npm start` reach it as they would reach nats-server.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'apps/edge'], {
  cwd: root,
  stdio: 'inherit',
});

const { main } = await import(join(root, 'apps/edge/dist/main.js'));
const extra = process.argv.slice(2);
process.exitCode = await main(['-p', '4222', '-m', '8222', '-js', '-sd', './data', ...extra]);
