// Consumer state writes, fenced like the stream's own: a store that lost the
// stream's lease (paused, partitioned) must not overwrite the state the new
// leader keeps, or acknowledged messages would be delivered again. KEYS[1] is
// the stream's key base; ARGV[1] a fencing token ('' = none), ARGV[2] 'save'
// or 'remove', ARGV[3] the consumer's name, ARGV[4] its state (save).
// Returns {'ok'} or {'fenced', epoch}.

import { FENCE_CHECK } from './fence.js';

export const CONSUMER_SCRIPT =
  'local B = KEYS[1]\n' +
  FENCE_CHECK +
  String.raw`
local name = ARGV[3]
if ARGV[2] == 'save' then
  redis.call('SADD', B .. 'consumers', name)
  redis.call('SET', B .. 'c:' .. name, ARGV[4])
else
  redis.call('SREM', B .. 'consumers', name)
  redis.call('DEL', B .. 'c:' .. name)
end
return {'ok'}
`;
