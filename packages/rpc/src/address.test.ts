import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseStoreUrl } from './address.js';

void test('store URLs: rpc:// lists and bare host:port', () => {
  assert.deepEqual(parseStoreUrl('rpc://a:1,b:2'), ['a:1', 'b:2']);
  assert.deepEqual(parseStoreUrl('127.0.0.1:7422'), ['127.0.0.1:7422']);
  assert.deepEqual(parseStoreUrl('rpc://[::1]:7422'), ['[::1]:7422']);
});

void test('bad store URLs name the bad part', () => {
  assert.throws(() => parseStoreUrl('rpc://'), /no store address in "rpc:\/\/"/);
  assert.throws(
    () => parseStoreUrl('rpc://a'),
    /bad store address "a" in "rpc:\/\/a": expected host:port/,
  );
  assert.throws(() => parseStoreUrl('rpc://a:0'), /bad store address "a:0"/);
  assert.throws(() => parseStoreUrl('rpc://a:99999'), /bad store address/);
});
