// One client scenario, run against tsnats and against a real nats-server by the
// interop test: each step records what a client saw, so the two transcripts can
// be compared line by line. Server-specific values (ids, ports, versions) are
// left out of the transcript.
import { connect as rawSocket, type Socket } from 'node:net';
import { connect, headers, StringCodec, type NatsConnection } from 'nats';

const sc = StringCodec();

/**
 * Sends `input` on a fresh connection (after its INFO) and returns what came back
 * until `until` matches, or until the server closes when `until` is 'close'.
 */
async function exchange(port: number, input: string, until: RegExp | 'close'): Promise<string> {
  const socket: Socket = rawSocket({ port, host: '127.0.0.1' });
  socket.setEncoding('latin1');
  let text = '';
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no ${String(until)} in ${JSON.stringify(text)}`));
    }, 5000);
    let done = false;
    const finish = (closed: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const body = text.replace(/^INFO [^\n]*\n/, '');
      resolve(closed ? `${body}<closed>` : body);
    };
    socket.on('data', (chunk: string) => {
      const first = text === '';
      text += chunk;
      if (first && text.startsWith('INFO')) socket.write(input);
      if (until !== 'close' && until.test(text.replace(/^INFO [^\n]*\n/, ''))) finish(false);
    });
    socket.on('close', () => {
      finish(true);
    });
    socket.on('error', () => undefined);
  });
}

const CONNECT = 'CONNECT {"verbose":false,"pedantic":false,"headers":true}\r\n';

/** Raw protocol steps: exact bytes back, including -ERR texts and closes. */
export async function rawTranscript(port: number): Promise<string[]> {
  const steps: [string, string, RegExp | 'close'][] = [
    ['verbose', 'CONNECT {"verbose":true}\r\nSUB a 1\r\nPUB a 2\r\nhi\r\nPING\r\n', /PONG\r\n$/],
    ['pub/sub', `${CONNECT}SUB x.* 7\r\nPUB x.y r 3\r\nabc\r\nPING\r\n`, /PONG\r\n$/],
    ['headers', `${CONNECT}SUB h 1\r\nHPUB h 12 14\r\nNATS/1.0\r\n\r\nhi\r\nPING\r\n`, /PONG\r\n$/],
    [
      'auto-unsub',
      `${CONNECT}SUB a 1\r\nUNSUB 1 2\r\n${'PUB a 1\r\nx\r\n'.repeat(3)}PING\r\n`,
      /PONG\r\n$/,
    ],
    ['invalid subject', `${CONNECT}SUB a..b 1\r\nPING\r\n`, /PONG\r\n$/],
    [
      'pedantic',
      'CONNECT {"pedantic":true,"verbose":false}\r\nPUB a.* 1\r\nx\r\nPING\r\n',
      /PONG\r\n$/,
    ],
    ['garbage', `${CONNECT}GARBAGE\r\n`, 'close'],
    ['control line', `${CONNECT}SUB ${'a'.repeat(5000)} 1\r\n`, 'close'],
    ['max payload', `${CONNECT}PUB a 2000000\r\n`, 'close'],
    ['no headers', 'CONNECT {"verbose":false}\r\nHPUB a 12 12\r\nNATS/1.0\r\n\r\n\r\n', 'close'],
    ['bad json', 'CONNECT {bad\r\nPING\r\n', 'close'],
  ];
  const transcript: string[] = [];
  for (const [name, input, until] of steps) {
    transcript.push(`${name}: ${JSON.stringify(await exchange(port, input, until))}`);
  }
  return transcript;
}

/** The official client's view: what it received and which errors it got. */
export async function clientTranscript(port: number): Promise<string[]> {
  const transcript: string[] = [];
  const nc: NatsConnection = await connect({ servers: `127.0.0.1:${port}` });
  try {
    const got: string[] = [];
    const sub = nc.subscribe('s.>', {
      callback: (_error, message) => got.push(`${message.subject}=${sc.decode(message.data)}`),
    });
    const members = [0, 0];
    for (const index of [0, 1]) {
      nc.subscribe('q', { queue: 'workers', callback: () => members[index]++ });
    }
    nc.subscribe('svc', { callback: (_error, message) => message.respond(message.data) });
    const h = headers();
    h.append('Key', 'one');
    h.append('Key', 'two');
    nc.subscribe('hdr', {
      callback: (_error, message) => {
        transcript.push(`headers: ${JSON.stringify(message.headers?.values('Key'))}`);
      },
    });
    nc.publish('s.a', sc.encode('1'));
    nc.publish('s.b.c', sc.encode('2'));
    nc.publish('hdr', sc.encode(''), { headers: h });
    for (let i = 0; i < 100; i++) nc.publish('q', sc.encode(String(i)));
    const reply = await nc.request('svc', sc.encode('ping'));
    transcript.push(`request: ${sc.decode(reply.data)}`);
    try {
      await nc.request('nobody', sc.encode(''), { timeout: 2000 });
      transcript.push('no responders: answered');
    } catch (error) {
      transcript.push(`no responders: ${(error as { code?: string }).code ?? String(error)}`);
    }
    await nc.flush();
    sub.unsubscribe();
    transcript.push(`wildcard: ${got.join(',')}`);
    transcript.push(`queue: ${String(members[0] + members[1])}`);
  } finally {
    await nc.close();
  }
  return transcript;
}

/** Auth and permission errors as the raw protocol shows them. */
export const AUTH_CONFIG = `
authorization {
  users = [
    { user: alice, password: secret, permissions: { publish: "pub.>", subscribe: { allow: ">", deny: "secret.>" } } }
  ]
}
`;

export async function authTranscript(port: number): Promise<string[]> {
  const login = 'CONNECT {"verbose":false,"user":"alice","pass":"secret"}\r\n';
  const steps: [string, string, RegExp | 'close'][] = [
    ['no connect', 'PING\r\n', 'close'],
    ['wrong password', 'CONNECT {"user":"alice","pass":"nope"}\r\n', 'close'],
    ['publish denied', `${login}PUB other 1\r\nx\r\nPING\r\n`, /PONG\r\n$/],
    ['subscribe denied', `${login}SUB secret.x 1\r\nPING\r\n`, /PONG\r\n$/],
    ['queue denied', `${login}SUB secret.x q 1\r\nPING\r\n`, /PONG\r\n$/],
    ['allowed', `${login}SUB pub.a 1\r\nPUB pub.a 1\r\nx\r\nPING\r\n`, /PONG\r\n$/],
  ];
  const transcript: string[] = [];
  for (const [name, input, until] of steps) {
    transcript.push(`${name}: ${JSON.stringify(await exchange(port, input, until))}`);
  }
  return transcript;
}
