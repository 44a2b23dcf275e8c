// Client authentication and permissions, as nats-server 2.10 has them.
export { Authenticator } from './authenticator.js';
export type { AuthenticatedUser, ClientConnectionType } from './authenticator.js';
export {
  PermissionChecker,
  isReservedQueue,
  isReservedReply,
  withResponseDefaults,
} from './permissions.js';
export {
  publishViolation,
  subscribeViolation,
  replyViolation,
  removedSubscriptionViolation,
} from './violations.js';
