// Picking the one member of a queue group that gets a message.

export type Availability<T> = (member: T) => boolean;

/**
 * One member, chosen uniformly at random among those `isAvailable` accepts (a
 * closed or slow connection, say); undefined when none is. The first draw is
 * usually available, so the common case costs one call to `random`.
 */
export function pickQueueMember<T>(
  members: readonly T[],
  isAvailable?: Availability<T>,
  random: () => number = Math.random,
): T | undefined {
  const count = members.length;
  if (count === 0) return undefined;
  const first = members[Math.floor(random() * count)];
  if (isAvailable === undefined || isAvailable(first)) return first;
  // Draw again among the available ones only: walking on from the first draw
  // would hand an unavailable member's share to its neighbour.
  const available = members.filter(isAvailable);
  if (available.length === 0) return undefined;
  return available[Math.floor(random() * available.length)];
}

/**
 * One member chosen with probability proportional to its weight, among the
 * available ones with a positive weight. Routes use it: a remote server
 * advertises a queue group with a weight (its number of local members), so a
 * server with 3 members gets three times the messages of a server with 1.
 */
export function pickWeightedQueueMember<T>(
  members: readonly T[],
  weightOf: (member: T) => number,
  isAvailable?: Availability<T>,
  random: () => number = Math.random,
): T | undefined {
  let total = 0;
  for (const member of members) {
    if (isAvailable !== undefined && !isAvailable(member)) continue;
    total += Math.max(0, weightOf(member));
  }
  if (total <= 0) return undefined;
  let target = random() * total;
  let last: T | undefined;
  for (const member of members) {
    if (isAvailable !== undefined && !isAvailable(member)) continue;
    const weight = Math.max(0, weightOf(member));
    if (weight === 0) continue;
    last = member;
    if (target < weight) return member;
    target -= weight;
  }
  // Only reached through floating-point rounding at the top end.
  return last;
}
