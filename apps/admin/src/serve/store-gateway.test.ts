import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { StorageService } from '@tsnats/rpc';
import { createLogger } from '@tsnats/server';
import { freePort } from '@tsnats/testkit';
import { storeGateway, type StoreGateway } from './store-gateway.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const logger = createLogger({ logtime: false, debug: false, trace: false, logFile: '' });

async function service(t: TestContext, active: boolean): Promise<string> {
  const started = active
    ? await StorageService.start({ listen: '127.0.0.1:0', serverName: 'active' })
    : await StorageService.listen('127.0.0.1:0', 'standby');
  t.after(() => started.stop());
  return `127.0.0.1:${started.port}`;
}

function gateway(t: TestContext, addresses: string[]): StoreGateway {
  const made = storeGateway(addresses, { timeoutMs: 5_000, logger });
  t.after(() => {
    made.close();
  });
  return made;
}

const json = (reply: { payload: Uint8Array } | undefined): unknown =>
  reply === undefined ? undefined : (JSON.parse(decoder.decode(reply.payload)) as unknown);

void describe('storeGateway', () => {
  void test('passes a down store and a standby, and asks the one that answered first next', async (t) => {
    const down = `127.0.0.1:${await freePort()}`;
    const standby = await service(t, false);
    const active = await service(t, true);
    const stores = gateway(t, [down, standby, active]);
    assert.equal(stores.preferred, down);
    const created = json(
      await stores.request(
        '$JS.API.STREAM.CREATE.KV_B',
        encoder.encode(
          JSON.stringify({
            name: 'KV_B',
            subjects: ['$KV.B.>'],
            allow_direct: true,
            storage: 'memory',
          }),
        ),
      ),
    ) as { did_create: boolean };
    assert.equal(created.did_create, true);
    assert.equal(stores.preferred, active);
  });

  void test('headers go to the store and come back decoded', async (t) => {
    const stores = gateway(t, [await service(t, true)]);
    await stores.request(
      '$JS.API.STREAM.CREATE.KV_B',
      encoder.encode(JSON.stringify({ name: 'KV_B', subjects: ['$KV.B.>'], allow_direct: true })),
    );
    const expect = { 'Nats-Expected-Last-Subject-Sequence': '0' };
    assert.deepEqual(json(await stores.request('$KV.B.k', encoder.encode('v'), expect)), {
      stream: 'KV_B',
      seq: 1,
    });
    const again = json(await stores.request('$KV.B.k', encoder.encode('v'), expect)) as {
      error: { err_code: number };
    };
    assert.equal(again.error.err_code, 10071);
    const got = await stores.request('$JS.API.DIRECT.GET.KV_B.$KV.B.k', new Uint8Array(0));
    assert.equal(got?.headers?.['Nats-Sequence'], '1');
    assert.equal(decoder.decode(got.payload), 'v');
  });

  void test('nobody answering is undefined; a refused subject is an error', async (t) => {
    const stores = gateway(t, [await service(t, false), `127.0.0.1:${await freePort()}`]);
    assert.equal(await stores.request('$JS.API.INFO', new Uint8Array(0)), undefined);
    await assert.rejects(stores.request('orders.*', new Uint8Array(0)), /not a literal subject/);
  });
});
