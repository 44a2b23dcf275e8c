import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startNatsServer, startTsnats } from '@tsnats/testkit';
import { AUTH_CONFIG, authTranscript, clientTranscript, rawTranscript } from './scenario.js';

// The same scenario against a real nats-server and against tsnats, side by side:
// every byte a client sees (MSG frames, +OK, -ERR texts, closes) must agree.
void describe('interop: tsnats answers as nats-server does', () => {
  void test('raw protocol and the official client', async (t) => {
    const reference = await startNatsServer();
    t.after(() => reference.stop());
    const ours = await startTsnats();
    t.after(() => ours.stop());
    const expected = [
      ...(await rawTranscript(reference.port)),
      ...(await clientTranscript(reference.port)),
    ];
    const actual = [...(await rawTranscript(ours.port)), ...(await clientTranscript(ours.port))];
    assert.deepEqual(actual, expected);
  });

  void test('authorization and permission errors', async (t) => {
    const reference = await startNatsServer({ config: AUTH_CONFIG });
    t.after(() => reference.stop());
    const ours = await startTsnats({ config: AUTH_CONFIG });
    t.after(() => ours.stop());
    assert.deepEqual(await authTranscript(ours.port), await authTranscript(reference.port));
  });
});
