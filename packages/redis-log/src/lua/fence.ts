// The fencing check every writing script starts with: ARGV[1] is the writer's
// fencing token ('' = none) and B the key base holding the `epoch` counter. A
// token that is not the current epoch writes nothing and gets {'fenced', epoch}.

export const FENCE_CHECK = String.raw`
local fence = ARGV[1]
if fence ~= '' then
  local epoch = redis.call('GET', B .. 'epoch') or ''
  if epoch ~= fence then return {'fenced', epoch} end
end
`;
