// The REST API's way to JetStream in a split deployment: each request goes
// over gRPC (the Api call) to a store service. Stores on one Redis are
// active/standby and a standby has nothing subscribed, so it answers "no
// reply" at once: the request then goes to the next store, and the store that
// answered is asked first next time, so failover costs one extra call.

import { status, type ServiceError } from '@grpc/grpc-js';
import {
  decodeHeaders,
  encodeHeaders,
  type GatewayReply,
  type JetStreamGateway,
} from '@tsnats/admin';
import type { Logger } from '@tsnats/server';
import { StorageClient } from '@tsnats/rpc';

export interface StoreGatewayOptions {
  /** How long one store gets to answer. */
  readonly timeoutMs: number;
  readonly logger: Logger;
}

export interface StoreGateway extends JetStreamGateway {
  /** The store asked first: the last one that answered. */
  readonly preferred: string;
  close(): void;
}

const isServiceError = (error: unknown): error is ServiceError =>
  error instanceof Error && typeof (error as Partial<ServiceError>).code === 'number';

export function storeGateway(
  addresses: readonly string[],
  options: StoreGatewayOptions,
): StoreGateway {
  const clients = addresses.map(
    (address) => new StorageClient(address, { timeoutMs: options.timeoutMs }),
  );
  let preferred = 0;
  return {
    get preferred() {
      return addresses[preferred];
    },
    async request(subject, payload, headers): Promise<GatewayReply | undefined> {
      const block = encodeHeaders(headers);
      const first = preferred;
      for (let i = 0; i < clients.length; i++) {
        const index = (first + i) % clients.length;
        let reply;
        try {
          reply = await clients[index].request(subject, payload, { headers: block });
        } catch (error) {
          // The store refused the request itself: another store would too.
          if (isServiceError(error) && error.code === status.INVALID_ARGUMENT) throw error;
          options.logger.debug(
            `store ${addresses[index]}: ${error instanceof Error ? error.message : String(error)}`,
          );
          continue;
        }
        if (reply === undefined) continue;
        preferred = index;
        return { headers: decodeHeaders(reply.headers), payload: reply.payload };
      }
      return undefined;
    },
    close() {
      for (const client of clients) client.close();
    },
  };
}
