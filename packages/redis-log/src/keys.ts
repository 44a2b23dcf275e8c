// Key names. Every key of a stream shares the hash tag `{<prefix>:<stream>}`,
// so one script can touch all of them and Redis Cluster keeps them in one slot.

export const DEFAULT_PREFIX = 'tsnats';

/** The common start of a stream's keys: `{<prefix>:<stream>}:`. */
export function streamKeyBase(stream: string, prefix = DEFAULT_PREFIX): string {
  return `{${prefix}:${stream}}:`;
}
