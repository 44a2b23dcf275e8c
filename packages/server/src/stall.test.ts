import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, test } from 'node:test';
import { connect } from 'nats';
import { startServer } from './test-support.js';

// A publisher in its own process writes as fast as the socket takes it, with no
// pacing of its own: what keeps the subscriber under max_pending is the server
// stalling the producer, as nats-server does.
const PUBLISHER = `
const net = require('node:net');
const [port, count, size] = process.argv.slice(1).map(Number);
const socket = net.connect(port, '127.0.0.1');
const frame = Buffer.from('PUB flood ' + size + '\\r\\n' + 'x'.repeat(size) + '\\r\\n');
const batch = Buffer.concat(Array(100).fill(frame));
socket.once('data', () => {
  socket.write('CONNECT {"verbose":false,"pedantic":false}\\r\\n');
  for (let i = 0; i < count / 100; i++) socket.write(batch);
  socket.write('PING\\r\\n');
  socket.on('data', (data) => { if (data.includes('PONG')) socket.end(); });
});
`;

// A subscriber that reads everything, but more slowly than the publisher writes:
// it spends a little CPU time per chunk, as an application handling messages does.
const SUBSCRIBER = `
const net = require('node:net');
const [port, count] = process.argv.slice(1).map(Number);
const socket = net.connect(port, '127.0.0.1');
let seen = 0;
let tail = '';
socket.once('data', () => {
  socket.write('CONNECT {"verbose":false,"pedantic":false}\\r\\nSUB flood 1\\r\\nPING\\r\\n');
  socket.on('data', (data) => {
    const text = tail + data.toString('latin1');
    seen += text.split('MSG flood 1 ').length - 1;
    tail = text.slice(-11); // shorter than the marker: never counted twice
    const until = Date.now() + 1;
    while (Date.now() < until);
    if (text.includes('PONG')) process.stdout.write('ready\\n');
    if (seen >= count) { process.stdout.write('all\\n'); socket.end(); }
  });
});
socket.on('close', () => process.stdout.write('closed ' + seen + '\\n'));
`;

void describe('fast producers and healthy consumers', () => {
  void test('an unpaced flood reaches a reading subscriber whole; nobody is cut off', async (t) => {
    const count = 20_000;
    const size = 1024;
    const { server, url, port } = await startServer(t, 'max_pending: 262144');
    const nc = await connect({ servers: url });
    t.after(() => nc.close());
    let received = 0;
    const all = new Promise<void>((resolve) => {
      nc.subscribe('flood', {
        callback: () => {
          if (++received === count) resolve();
        },
      });
    });
    await nc.flush();
    const publisher = spawn(process.execPath, [
      '-e',
      PUBLISHER,
      String(port),
      String(count),
      String(size),
    ]);
    t.after(() => publisher.kill());
    const exited = new Promise((resolve) => publisher.on('exit', resolve));
    await all;
    await exited;
    assert.equal(received, count);
    assert.equal(server.stats.slowConsumers, 0);
  });

  void test('a subscriber slower than the publisher is not cut off: the publisher waits', async (t) => {
    const count = 20_000;
    const { server, port } = await startServer(t, 'max_pending: 262144');
    const subscriber = spawn(process.execPath, ['-e', SUBSCRIBER, String(port), String(count)]);
    t.after(() => subscriber.kill());
    let output = '';
    const ready = new Promise<void>((resolve) => {
      subscriber.stdout.on('data', (data: Buffer) => {
        output += data.toString();
        if (output.includes('ready')) resolve();
      });
    });
    const finished = new Promise<void>((resolve) =>
      subscriber.on('exit', () => {
        resolve();
      }),
    );
    await ready;
    const publisher = spawn(process.execPath, [
      '-e',
      PUBLISHER,
      String(port),
      String(count),
      '1024',
    ]);
    t.after(() => publisher.kill());
    await finished;
    assert.match(output, /all\n/);
    assert.equal(server.stats.slowConsumers, 0);
  });
});
