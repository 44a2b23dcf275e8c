import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SeqTable } from './seq-table.js';

function payload(seq: number, length: number): Uint8Array {
  return new Uint8Array(length).fill(seq % 251);
}

function fill(table: SeqTable, from: number, to: number, length: number): void {
  for (let seq = from; seq <= to; seq++) {
    table.put(seq, `s.${seq % 7}`, undefined, payload(seq, length), BigInt(seq), length + 19);
  }
}

void describe('SeqTable', () => {
  void test('stores, loads and removes by sequence across chunks', () => {
    const table = new SeqTable();
    fill(table, 1, 5000, 10);
    assert.equal(table.size, 5000);
    const m = table.message(4321);
    assert.equal(m?.subject, 's.2');
    assert.deepEqual(m?.data, payload(4321, 10));
    assert.equal(m?.headers, undefined);
    assert.equal(m?.time, 4321n);
    assert.equal(table.sizeOf(4321), 29);
    assert.equal(table.delete(4321), true);
    assert.equal(table.delete(4321), false);
    assert.equal(table.message(4321), undefined);
    assert.equal(table.has(0), false);
    assert.equal(table.has(5001), false);
  });

  void test('keeps headers and payload apart, and empty messages without a slab', () => {
    const table = new SeqTable();
    table.put(1, 'a', new Uint8Array([1, 2]), new Uint8Array([3]), 0n, 0);
    table.put(2, 'b', undefined, new Uint8Array(0), 0n, 0);
    assert.deepEqual(table.message(1)?.headers, new Uint8Array([1, 2]));
    assert.deepEqual(table.message(1)?.data, new Uint8Array([3]));
    assert.deepEqual(table.message(2)?.data, new Uint8Array(0));
  });

  void test('scans forward and back over sparse ranges', () => {
    const table = new SeqTable();
    fill(table, 1, 3, 1);
    fill(table, 1_000_000, 1_000_002, 1);
    const forward: number[] = [];
    table.scan(2, 1_000_001, (seq) => {
      forward.push(seq);
      return false;
    });
    assert.deepEqual(forward, [2, 3, 1_000_000, 1_000_001]);
    const back: number[] = [];
    table.scanBack(0, 999_999, (seq) => {
      back.push(seq);
      return back.length === 2;
    });
    assert.deepEqual(back, [3, 2]);
  });

  void test('never rewrites bytes a loaded view still shows', () => {
    const table = new SeqTable();
    fill(table, 1, 10, 100);
    const held = table.message(5)?.data;
    for (let seq = 1; seq <= 10; seq++) table.delete(seq);
    fill(table, 11, 2000, 100);
    assert.deepEqual(held, payload(5, 100));
  });

  void test('moves live messages out of sparse slabs so memory follows live bytes', () => {
    const table = new SeqTable();
    fill(table, 1, 20_000, 200);
    // Keep every 20th: slabs stay pinned by a few messages each.
    for (let seq = 1; seq <= 20_000; seq++) if (seq % 20 !== 0) table.delete(seq);
    const before = table.memory;
    assert.ok(before.capacity > 10 * before.live, 'pinned slabs hold far more than live bytes');
    table.compact();
    const after = table.memory;
    assert.equal(after.live, before.live);
    assert.ok(after.capacity <= 2 * after.live + 2 * 64 * 1024, `capacity ${after.capacity}`);
    for (let seq = 20; seq <= 20_000; seq += 20) {
      assert.deepEqual(table.message(seq)?.data, payload(seq, 200));
    }
  });

  void test('gives large messages a slab of their own, freed with them', () => {
    const table = new SeqTable();
    table.put(1, 'big', undefined, new Uint8Array(100_000).fill(9), 0n, 0);
    assert.equal(table.memory.capacity, 100_000);
    table.delete(1);
    assert.deepEqual(table.memory, { capacity: 0, live: 0 });
  });
});
