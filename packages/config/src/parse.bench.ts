// Parse throughput: `npm run bench -w @tsnats/config`. A generated config of
// about 1 MB (accounts with users, permissions and nested maps), parsed repeatedly.

import { parseConfig } from './index.js';

const RUN_MS = 1500;

function account(i: number): string {
  return `  ACC${i}: {
    jetstream: enabled
    users: [
      { user: "u${i}a", password: "p${i}", permissions: { publish: ["a.${i}.>", "b.*"], subscribe: "_INBOX.>" } }
      { user: u${i}b, password: $2a$11$W2zko751KUvVy59mUTWmpOdWjpEm5qhcCZRd05GjI/sSOT.xtiHyG }
    ]
    limits { max_connections: 100, max_payload: 1MB, max_data: 10GB }
    exports: [ { stream: "events.${i}.>" }, { service: "svc.${i}" } ]  # comment
  }
`;
}

const accounts = Array.from({ length: 2500 }, (_, i) => account(i)).join('');
const text = `port: 4222\nmax_payload: 8MB\naccounts {\n${accounts}}\nsystem_account: ACC0\n`;
const megabytes = text.length / 1e6;

let runs = 0;
const start = performance.now();
let elapsed = 0;
while (elapsed < RUN_MS) {
  parseConfig(text);
  runs++;
  elapsed = performance.now() - start;
}
const perRun = elapsed / runs;
console.log(
  `parseConfig: ${megabytes.toFixed(2)} MB in ${perRun.toFixed(1)} ms ` +
    `(${(megabytes / (perRun / 1000)).toFixed(1)} MB/s, ${runs} runs)`,
);
