import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { shapeDifferences } from './json-shape.js';

void describe('shapeDifferences', () => {
  void test('notices a missing key, an extra key and a changed type', () => {
    assert.deepEqual(
      shapeDifferences({ a: 1, b: [{ c: 'x' }] }, { a: '1', b: [{ d: 'x' }] }, 'x'),
      ['x.a: string, nats-server has number', 'x.b[].c: missing', "x.b[].d: not in nats-server's"],
    );
  });

  void test('lets known differences and map keys pass', () => {
    const options = {
      lacking: new Set(['x.gone']),
      extra: new Set(['x.added']),
      maps: new Set(['x.stats']),
    };
    assert.deepEqual(
      shapeDifferences(
        { gone: 1, stats: { '/a': 1 }, list: [{ p: 1 }, { q: 2 }] },
        { added: true, stats: { '/b': 2 }, list: [{ p: 1, q: 2 }] },
        'x',
        options,
      ),
      [],
    );
    assert.deepEqual(
      shapeDifferences({ stats: { '/a': 1 } }, { stats: { '/a': 'x' } }, 'x', options),
      ['x.stats{}[]: string, nats-server has number'],
    );
  });
});
