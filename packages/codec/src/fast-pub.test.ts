// The PUB fast path remembers the connection's last subject; a subject that
// shares a prefix with it, extends it or differs in one byte must still be
// read as itself, in one chunk or split anywhere.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Parser } from './parser.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function fastPubs(input: string, cut?: number): string[] {
  const seen: string[] = [];
  const parser = new Parser(
    (op) => {
      if (op.kind === 'PUB')
        seen.push(`${op.subject} ${op.reply ?? '-'} ${decoder.decode(op.payload)}`);
    },
    {
      onPub: (subject, reply, buf, start, length) => {
        seen.push(
          `${subject} ${reply ?? '-'} ${decoder.decode(buf.subarray(start, start + length))}`,
        );
      },
    },
  );
  const bytes = encoder.encode(input);
  const parts = cut === undefined ? [bytes] : [bytes.subarray(0, cut), bytes.subarray(cut)];
  for (const part of parts) assert.equal(parser.parse(part), undefined);
  return seen;
}

void test('the fast path reads each subject as itself after a different last subject', () => {
  const subjects = ['foo', 'foo', 'foobar', 'foo', 'fo', 'foo.bar', 'foo.baz', 'foo', 'ü.x', 'ü.y'];
  // Odd ones have a reply; the eighth is separated by tabs.
  const line = (subject: string, i: number): string =>
    i === 7 ? `PUB\t${subject}\tr\t1` : `PUB ${subject} ${i % 2 === 0 ? '' : 'r '}1`;
  const input = subjects.map((subject, i) => `${line(subject, i)}\r\n${i}\r\n`).join('');
  const expected = subjects.map((subject, i) => `${subject} ${i % 2 === 0 ? '-' : 'r'} ${i}`);
  assert.deepEqual(fastPubs(input), expected);
  for (let cut = 1; cut < input.length; cut++) {
    assert.deepEqual(fastPubs(input, cut), expected, `cut ${cut}`);
  }
});

void test('a subject longer than the remembered length is read each time', () => {
  const long = `a.${'b'.repeat(200)}`;
  const input = `PUB ${long} 1\r\nx\r\nPUB ${long} 1\r\ny\r\nPUB ${long}c 1\r\nz\r\n`;
  assert.deepEqual(fastPubs(input), [`${long} - x`, `${long} - y`, `${long}c - z`]);
});
