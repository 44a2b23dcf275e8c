// A NATS client in 30 lines: node:net for the socket, @tsnats/codec for the protocol.
// Usage: node examples/client.mjs [port]   (against tsnats or nats-server)
import { connect } from 'node:net';
import { encodeConnect, encodePub, encodeSub, Parser, PONG_FRAME } from '@tsnats/codec';

const socket = connect(Number(process.argv[2] ?? 4222), '127.0.0.1');
const parser = new Parser(
  (op) => {
    switch (op.kind) {
      case 'INFO':
        console.log(`connected to ${op.info.server_name} (nats-server ${op.info.version})`);
        socket.write(encodeConnect({ verbose: false, pedantic: false, tls_required: false }));
        socket.write(encodeSub('greetings.>', '1'));
        socket.write(encodePub('greetings.world', new TextEncoder().encode('hello')));
        break;
      case 'MSG':
        console.log(`${op.subject}: ${new TextDecoder().decode(op.payload)}`);
        socket.end();
        break;
      case 'PING':
        socket.write(PONG_FRAME);
        break;
      case '-ERR':
        console.error(`server says: ${op.message}`);
        socket.end();
    }
  },
  { peer: 'server' },
);
socket.on('data', (chunk) => parser.parse(chunk) && socket.destroy());
