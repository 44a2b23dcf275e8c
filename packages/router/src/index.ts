export {
  isValidSubject,
  isValidPublishSubject,
  isLiteralSubject,
  subjectMatches,
  isSubsetMatch,
  subjectsCollide,
  tokenize,
  TOKEN_SEPARATOR,
  SINGLE_WILDCARD,
  FULL_WILDCARD,
} from './subject.js';
export { Sublist, InvalidSubjectError } from './sublist.js';
export type { Subscription, MatchResult, SublistStats } from './sublist.js';
export { MatchCache, DEFAULT_CACHE_SIZE } from './match-cache.js';
export { pickQueueMember, pickWeightedQueueMember } from './queue.js';
export type { Availability } from './queue.js';
