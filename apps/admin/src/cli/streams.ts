// streams ls, stream info|add|rm|purge, consumers ls: /streams and
// /streams/{stream}/consumers.

import { segment } from './client.js';
import { allPages, choiceOption, integerOption, type Command } from './command.js';
import { details, table } from './table.js';

interface StreamInfo {
  config: {
    name: string;
    subjects?: string[];
    storage: string;
    num_replicas: number;
    retention: string;
    max_msgs: number;
    max_bytes: number;
  };
  created: string;
  state: {
    messages: number;
    bytes: number;
    first_seq: number;
    last_seq: number;
    consumer_count: number;
  };
}

interface ConsumerInfo {
  name: string;
  config?: { durable_name?: string; ack_policy?: string; filter_subject?: string };
  num_pending: number;
  num_ack_pending: number;
  num_redelivered: number;
  num_waiting: number;
}

const subjects = (info: StreamInfo): string => (info.config.subjects ?? []).join(',');

const streamsLs: Command = {
  words: ['streams', 'ls'],
  args: [],
  summary: 'List the streams',
  async run({ api }) {
    const { items, document } = await allPages(api, '/streams', 'streams');
    const text = table(
      ['NAME', 'SUBJECTS', 'STORAGE', 'REPLICAS', 'MESSAGES', 'BYTES', 'CONSUMERS'],
      (items as StreamInfo[]).map((info) => [
        info.config.name,
        subjects(info),
        info.config.storage,
        info.config.num_replicas,
        info.state.messages,
        info.state.bytes,
        info.state.consumer_count,
      ]),
    );
    return { json: document, text };
  },
};

function streamDetails(info: StreamInfo): string {
  const limit = (value: number): string | number => (value < 0 ? 'unlimited' : value);
  return details([
    ['Name', info.config.name],
    ['Subjects', subjects(info)],
    ['Storage', info.config.storage],
    ['Replicas', info.config.num_replicas],
    ['Retention', info.config.retention],
    ['Max messages', limit(info.config.max_msgs)],
    ['Max bytes', limit(info.config.max_bytes)],
    ['Created', info.created],
    ['Messages', info.state.messages],
    ['Bytes', info.state.bytes],
    ['First sequence', info.state.first_seq],
    ['Last sequence', info.state.last_seq],
    ['Consumers', info.state.consumer_count],
  ]);
}

const streamInfo: Command = {
  words: ['stream', 'info'],
  args: ['name'],
  summary: "Show a stream's configuration and state",
  async run({ api, args }) {
    const info = await api.get<StreamInfo>(`/streams/${segment(args.name)}`);
    return { json: info, text: streamDetails(info) };
  },
};

const streamAdd: Command = {
  words: ['stream', 'add'],
  args: ['name'],
  options: {
    subjects: {
      type: 'string',
      usage: '--subjects <a,b>',
      help: 'subjects it captures (default: its name)',
    },
    storage: {
      type: 'string',
      usage: '--storage <file|memory>',
      help: 'where messages are kept (default: file)',
    },
    replicas: { type: 'string', usage: '--replicas <n>', help: 'replicas (default: 1)' },
    'max-msgs': {
      type: 'string',
      usage: '--max-msgs <n>',
      help: 'most messages kept (default: unlimited)',
    },
  },
  summary: 'Create a stream',
  async run({ api, args, options }) {
    const list = typeof options.subjects === 'string' ? options.subjects.split(',') : undefined;
    const storage = choiceOption(options, 'storage', ['file', 'memory'] as const);
    const replicas = integerOption(options, 'replicas');
    const maxMsgs = integerOption(options, 'max-msgs');
    const info = await api.post<StreamInfo>('/streams', {
      name: args.name,
      ...(list === undefined ? {} : { subjects: list.map((subject) => subject.trim()) }),
      ...(storage === undefined ? {} : { storage }),
      ...(replicas === undefined ? {} : { num_replicas: replicas }),
      ...(maxMsgs === undefined ? {} : { max_msgs: maxMsgs }),
    });
    return { json: info, text: `Created stream ${info.config.name}\n${streamDetails(info)}` };
  },
};

const streamRm: Command = {
  words: ['stream', 'rm'],
  args: ['name'],
  summary: 'Delete a stream and its messages',
  async run({ api, args }) {
    await api.delete(`/streams/${segment(args.name)}`);
    return { json: undefined, text: `Deleted stream ${args.name}\n` };
  },
};

const streamPurge: Command = {
  words: ['stream', 'purge'],
  args: ['name'],
  summary: "Delete a stream's messages",
  async run({ api, args }) {
    const result = await api.post<{ purged: number }>(`/streams/${segment(args.name)}/purge`, {});
    return { json: result, text: `Purged ${result.purged} messages from ${args.name}\n` };
  },
};

const consumersLs: Command = {
  words: ['consumers', 'ls'],
  args: ['stream'],
  summary: "List a stream's consumers",
  async run({ api, args }) {
    const { items, document } = await allPages(
      api,
      `/streams/${segment(args.stream)}/consumers`,
      'consumers',
    );
    const text = table(
      ['NAME', 'DURABLE', 'ACK', 'FILTER', 'PENDING', 'ACK PENDING', 'REDELIVERED', 'WAITING'],
      (items as ConsumerInfo[]).map((info) => [
        info.name,
        info.config?.durable_name !== undefined,
        info.config?.ack_policy ?? '',
        info.config?.filter_subject ?? '',
        info.num_pending,
        info.num_ack_pending,
        info.num_redelivered,
        info.num_waiting,
      ]),
    );
    return { json: document, text };
  },
};

export const streamCommands: readonly Command[] = [
  streamsLs,
  streamInfo,
  streamAdd,
  streamRm,
  streamPurge,
  consumersLs,
];
