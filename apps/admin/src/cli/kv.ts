// kv ls|add|put|get|rm: /kv, /kv/{bucket}/keys/{key}. Values travel as UTF-8 text.

import { segment } from './client.js';
import { allPages, choiceOption, integerOption, type Command } from './command.js';
import { details, table } from './table.js';

interface BucketStatus {
  bucket: string;
  values: number;
  history: number;
  ttl: number;
  storage: string;
  replicas: number;
  bytes: number;
}

interface Entry {
  bucket: string;
  key: string;
  value: string;
  revision: number;
  created: string;
  operation: string;
}

const keyPath = (bucket: string, key: string): string =>
  `/kv/${segment(bucket)}/keys/${segment(key)}`;

const kvLs: Command = {
  words: ['kv', 'ls'],
  args: [],
  summary: 'List the key-value buckets',
  async run({ api }) {
    const { items, document } = await allPages(api, '/kv', 'buckets');
    const text = table(
      ['BUCKET', 'VALUES', 'HISTORY', 'STORAGE', 'REPLICAS', 'BYTES'],
      (items as BucketStatus[]).map((bucket) => [
        bucket.bucket,
        bucket.values,
        bucket.history,
        bucket.storage,
        bucket.replicas,
        bucket.bytes,
      ]),
    );
    return { json: document, text };
  },
};

const kvAdd: Command = {
  words: ['kv', 'add'],
  args: ['bucket'],
  options: {
    history: { type: 'string', usage: '--history <n>', help: 'values kept per key (default: 1)' },
    storage: {
      type: 'string',
      usage: '--storage <file|memory>',
      help: 'where values are kept (default: file)',
    },
    replicas: { type: 'string', usage: '--replicas <n>', help: 'replicas (default: 1)' },
  },
  summary: 'Create a key-value bucket',
  async run({ api, args, options }) {
    const history = integerOption(options, 'history');
    const storage = choiceOption(options, 'storage', ['file', 'memory'] as const);
    const replicas = integerOption(options, 'replicas');
    const status = await api.post<BucketStatus>('/kv', {
      bucket: args.bucket,
      ...(history === undefined ? {} : { history }),
      ...(storage === undefined ? {} : { storage }),
      ...(replicas === undefined ? {} : { replicas }),
    });
    return { json: status, text: `Created bucket ${status.bucket}\n` };
  },
};

const kvPut: Command = {
  words: ['kv', 'put'],
  args: ['bucket', 'key', 'value'],
  summary: 'Put a value',
  async run({ api, args }) {
    const result = await api.put<{ revision: number }>(keyPath(args.bucket, args.key), {
      value: args.value,
      encoding: 'utf8',
    });
    return { json: result, text: `${args.bucket} > ${args.key} revision ${result.revision}\n` };
  },
};

const kvGet: Command = {
  words: ['kv', 'get'],
  args: ['bucket', 'key'],
  summary: "Show a key's value",
  async run({ api, args }) {
    const entry = await api.get<Entry>(`${keyPath(args.bucket, args.key)}?encoding=utf8`);
    const text = details([
      ['Bucket', entry.bucket],
      ['Key', entry.key],
      ['Revision', entry.revision],
      ['Created', entry.created],
      ['Value', entry.value],
    ]);
    return { json: entry, text };
  },
};

const kvRm: Command = {
  words: ['kv', 'rm'],
  args: ['bucket', 'key'],
  summary: 'Delete a key (its history stays)',
  async run({ api, args }) {
    await api.delete(keyPath(args.bucket, args.key));
    return { json: undefined, text: `Deleted ${args.key} from bucket ${args.bucket}\n` };
  },
};

export const kvCommands: readonly Command[] = [kvLs, kvAdd, kvPut, kvGet, kvRm];
