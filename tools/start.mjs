#!/usr/bin/env node
// `npm start`: the embedded default (one process: 4222 for clients, 8222 for HTTP,
// JetStream in ./data). The edge server is not built yet; until it is, say so
// plainly instead of pretending to start a broker.

console.log(`tsnats is not runnable as a broker yet.

What works so far:
  @tsnats/codec  the NATS wire protocol (parser + encoder), usable on its own:
                 see packages/codec/README.md for a 30-line client.

The edge server (apps/edge, the \`tsnats\` binary) comes next; then \`npm start\`
runs it with clients on 4222, HTTP on 8222 and JetStream in ./data.
Run the tests with: npm test`);
