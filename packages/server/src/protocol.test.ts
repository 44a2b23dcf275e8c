import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rawConnect } from './raw-client.js';
import { startServer } from './test-support.js';

function infoOf(text: string): Record<string, unknown> {
  const line = text.split('\r\n')[0];
  assert.match(line, /^INFO \{.*\} $/);
  return JSON.parse(line.slice(5)) as Record<string, unknown>;
}

void describe('the client protocol over a raw socket', () => {
  void test('INFO carries the fields clients read', async (t) => {
    const { port, server } = await startServer(t);
    const client = await rawConnect(port);
    t.after(() => {
      client.close();
    });
    const info = infoOf(await client.waitFor('\r\n'));
    assert.equal(info.server_id, server.serverId);
    assert.match(server.serverId, /^N[A-Z2-7]{55}$/);
    assert.equal(info.proto, 1);
    assert.equal(info.headers, true);
    assert.equal(info.port, port);
    assert.equal(info.max_payload, 1024 * 1024);
    assert.equal(info.client_id, 1);
    assert.equal(info.client_ip, '127.0.0.1');
    assert.equal(info.auth_required, undefined);
  });

  void test('verbose CONNECT, SUB, PUB: +OK each and the MSG', async (t) => {
    const { port } = await startServer(t);
    const client = await rawConnect(port);
    t.after(() => {
      client.close();
    });
    client.send(
      'CONNECT {"verbose":true,"pedantic":false}\r\nSUB foo 1\r\nPUB foo 5\r\nhello\r\nPING\r\n',
    );
    const text = await client.waitFor('PONG\r\n');
    assert.match(text, /\+OK\r\n\+OK\r\n\+OK\r\nMSG foo 1 5\r\nhello\r\nPONG\r\n$/);
  });

  void test('garbage gets Unknown Protocol Operation and a close', async (t) => {
    const { port } = await startServer(t);
    const client = await rawConnect(port);
    t.after(() => {
      client.close();
    });
    client.send('CONNECT {}\r\nXYZZY\r\n');
    await client.waitFor("-ERR 'Unknown Protocol Operation'\r\n");
    await client.closed;
  });
});

void describe('trace logging', () => {
  void test('-V logs every inbound op and payload, with secrets redacted', async (t) => {
    const lines: string[] = [];
    const logger = {
      notice: () => undefined,
      warn: () => undefined,
      error: () => undefined,
      debug: () => undefined,
      trace: (line: string) => {
        lines.push(line);
      },
    };
    const { server, port } = await startServer(t, 'trace: true', { logger });
    assert.equal(server.options.trace, true);
    const client = await rawConnect(port);
    t.after(() => {
      client.close();
    });
    client.send(
      'CONNECT {"verbose":false,"pass":"s3cret"}\r\nSUB foo q 1\r\nPUB foo r 5\r\nhello\r\nPING\r\n',
    );
    await client.waitFor('PONG\r\n');
    const ops = lines.map((line) => line.replace(/^.* - <<- /, ''));
    assert.deepEqual(ops, [
      '[CONNECT {"verbose":false,"pass":"[REDACTED]"}]',
      '[SUB foo q 1]',
      '[PUB foo r 5]',
      'MSG_PAYLOAD: ["hello"]',
      '[PING]',
    ]);
  });
});
