// The lease scripts. KEYS[1] is the stream's key base; the lease key holds
// "<epoch> <owner>" with a TTL, the epoch key a counter that only grows, so a
// fencing token (the epoch) is never handed out twice.

const HEAD = String.raw`
local LEASE, EPOCH = KEYS[1] .. 'lease', KEYS[1] .. 'epoch'
local function holder()
  local v = redis.call('GET', LEASE)
  if not v then return nil, nil end
  local epoch, owner = string.match(v, '^(%d+) (.*)$')
  return epoch, owner
end
`;

/** ARGV owner, ttl ms. {1, epoch} when granted (or already held by owner), else {0, holder, pttl}. */
export const ACQUIRE_SCRIPT =
  HEAD +
  String.raw`
local owner, ttl = ARGV[1], ARGV[2]
local epoch, current = holder()
if current == owner then
  redis.call('PEXPIRE', LEASE, ttl)
  return {1, epoch}
end
if current then return {0, current, redis.call('PTTL', LEASE)} end
epoch = string.format('%d', redis.call('INCR', EPOCH))
redis.call('SET', LEASE, epoch .. ' ' .. owner, 'PX', ttl)
return {1, epoch}
`;

/** ARGV owner, epoch, ttl ms: extends the lease only while it is still that grant. 1 or 0. */
export const RENEW_SCRIPT =
  HEAD +
  String.raw`
local epoch, owner = holder()
if owner ~= ARGV[1] or epoch ~= ARGV[2] then return 0 end
redis.call('PEXPIRE', LEASE, ARGV[3])
return 1
`;

/** ARGV owner, epoch: deletes the lease only while it is still that grant. 1 or 0. */
export const RELEASE_SCRIPT =
  HEAD +
  String.raw`
local epoch, owner = holder()
if owner ~= ARGV[1] or epoch ~= ARGV[2] then return 0 end
redis.call('DEL', LEASE)
return 1
`;
