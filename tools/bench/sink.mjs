#!/usr/bin/env node
// A stand-in server for measuring the generator alone (`bench.mjs --sink`): it sends
// INFO, reads and counts bytes, answers PING with PONG (found with a native indexOf,
// nothing else is parsed) and, when a client subscribes to `bench.src.<size>`, streams
// pre-encoded MSG frames of that size to it as fast as the socket takes them.
// Usage: node sink.mjs <port>
import { createServer } from 'node:net';
import { FrameBatches } from './lib/proto.mjs';

const port = Number(process.argv[2] ?? 0);
const INFO = Buffer.from(
  'INFO {"server_id":"SINK","server_name":"sink","version":"2.9.10","proto":1,"max_payload":1048576,"headers":true}\r\n',
);
const PING = Buffer.from('PING\r\n');
const PONG = Buffer.from('PONG\r\n');
const SUB = Buffer.from('SUB ');

function stream(socket, subject, sid) {
  const size = Number(subject.slice(subject.lastIndexOf('.') + 1));
  const batches = FrameBatches.msg(subject, sid, size);
  const pump = () => {
    for (let i = 0; i < 16; i++) {
      if (socket.destroyed) return;
      const buffer = batches.take();
      if (!socket.write(buffer, () => batches.give(buffer))) {
        socket.once('drain', pump);
        return;
      }
    }
    setImmediate(pump);
  };
  pump();
}

const server = createServer({ noDelay: true }, (socket) => {
  socket.on('error', () => socket.destroy());
  socket.write(INFO);
  let tail = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    let pings = 0;
    // A PING split across two reads lies in the last 5 bytes of one and the first 5 of the next.
    if (tail.length > 0) {
      const seam = Buffer.concat([tail, chunk.subarray(0, 5)]);
      if (seam.indexOf(PING) >= 0) pings++;
    }
    for (let at = chunk.indexOf(PING); at >= 0; at = chunk.indexOf(PING, at + PING.length)) pings++;
    tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - 5)));
    // SUB lines come alone at the start; they are looked for only in small reads.
    if (chunk.length < 4096) {
      for (let at = chunk.indexOf(SUB); at >= 0; at = chunk.indexOf(SUB, at + 1)) {
        const end = chunk.indexOf('\r\n', at);
        const [, subject, sid] = chunk.toString('latin1', at, end).split(' ');
        if (subject.startsWith('bench.src.')) stream(socket, subject, sid);
      }
    }
    for (let i = 0; i < pings; i++) socket.write(PONG);
  });
});
server.listen(port, '127.0.0.1', () => {
  console.log(`sink listening on ${server.address().port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
