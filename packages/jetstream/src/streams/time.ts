// Times as nats-server writes them: Go's time.RFC3339Nano in UTC.

/** Go's zero time.Time in JSON. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

const NANOS_PER_SECOND = 1_000_000_000n;

/** `ns` nanoseconds since the epoch as RFC 3339 with trailing zeros of the fraction dropped. */
export function formatTime(ns: bigint): string {
  if (ns === 0n) return ZERO_TIME;
  let seconds = ns / NANOS_PER_SECOND;
  let fraction = ns % NANOS_PER_SECOND;
  if (fraction < 0n) {
    fraction += NANOS_PER_SECOND;
    seconds -= 1n;
  }
  const base = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  const digits = fraction.toString().padStart(9, '0').replace(/0+$/, '');
  return digits === '' ? `${base}Z` : `${base}.${digits}Z`;
}
