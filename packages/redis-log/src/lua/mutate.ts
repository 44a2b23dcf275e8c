// The script for every other change to a stream: remove, purge, compact,
// truncate, skip, max_age expiry, applying changed limits, creation and
// deletion. KEYS[1] is the stream's key base; ARGV[1] a fencing token ('' =
// none), ARGV[2] the operation, then its arguments. Returns {'ok', value,
// events, first_ts, last_seq}, {'fenced', epoch}, or {code} for a StoreError
// ('invalid_sequence', 'sequence_mismatch'); a refused call changes nothing.

import { FENCE_CHECK } from './fence.js';
import { PRELUDE } from './prelude.js';

export const MUTATE_SCRIPT =
  PRELUDE +
  FENCE_CHECK +
  String.raw`
local op = ARGV[2]

-- Create the stream's meta if missing; answer what a store needs to start.
if op == 'open' then
  local first = tonumber(ARGV[3])
  if redis.call('EXISTS', META) == 0 then
    local last = 0
    if first > 0 then last = first - 1 else first = 0 end
    redis.call('HSET', META, 'first', fmt(first), 'last', fmt(last), 'bytes', '0', 'last_ts', '0')
  end
  load_state()
  return {'ok', redis.call('HGET', META, 'created') or '', EV, first_ts(), S.last}
end
if op == 'created' then
  redis.call('HSETNX', META, 'created', ARGV[3])
  return {'ok', 0, EV, '', 0}
end
if op == 'delete' then
  for _, subject in ipairs(redis.call('HKEYS', SUBJ)) do redis.call('UNLINK', skey(subject)) end
  for _, name in ipairs(redis.call('SMEMBERS', B .. 'consumers')) do
    redis.call('UNLINK', B .. 'c:' .. name)
  end
  redis.call('UNLINK', META, SEQS, IDX, MSGS, SUBJ, B .. 'ids', B .. 'idtimes', B .. 'consumers')
  return {'ok', 0, EV, '', 0}
end

load_state()
local value = 0
if op == 'remove' then
  if remove(tonumber(ARGV[3])) then value = 1 end
elseif op == 'compact' then
  local seq = tonumber(ARGV[3])
  if seq == 0 then seq = S.last + 1 end
  value = compact(seq)
elseif op == 'purge' then
  local subject, seq, keep = ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
  if is_all(subject) then
    if keep == 0 and seq == 0 then
      value = compact(S.last + 1)
    elseif seq > 1 then
      value = compact(seq)
    elseif keep > 0 then
      -- Keep exactly the newest keep (nats-server's filestore).
      local n = count()
      if keep < n then value = compact(tonumber(redis.call('ZRANGE', SEQS, n - keep, n - keep)[1])) end
    end
  else
    local matching = {}
    for _, subj in ipairs(matching_subjects({subject})) do
      for _, s in ipairs(redis.call('ZRANGE', skey(subj), 0, -1)) do
        matching[#matching + 1] = tonumber(s)
      end
    end
    table.sort(matching)
    local to_purge = #matching
    if keep > 0 then
      if keep >= to_purge then to_purge = 0 else to_purge = to_purge - keep end
    end
    local up_to = S.last
    if seq > 1 then up_to = seq - 1 end
    for _, s in ipairs(matching) do
      if s > up_to or value >= to_purge then break end
      if remove(s) then value = value + 1 end
    end
  end
elseif op == 'truncate' then
  local seq = tonumber(ARGV[3])
  if seq == 0 then
    drop_all(0, 0)
    S.last_ts = ARGV[4]
  else
    local t = time_of(seq)
    if not t then return {'invalid_sequence'} end
    local above = redis.call('ZRANGEBYSCORE', SEQS, '(' .. fmt(seq), '+inf')
    local before = S.bytes
    for _, s in ipairs(above) do unindex(tonumber(s)) end
    S.last = seq
    S.last_ts = t
    if #above > 0 then event(-#above, S.bytes - before, 0, '') end
  end
elseif op == 'skip' then
  local seq, n = tonumber(ARGV[3]), tonumber(ARGV[4])
  if seq ~= S.last + 1 then
    if seq > 0 then return {'sequence_mismatch'} end
    seq = S.last + 1
  end
  S.last = seq + n - 1
  S.last_ts = ARGV[5]
  if count() == 0 then S.first = S.last + 1 end
  value = seq
elseif op == 'expire' then
  -- Messages at or before the cutoff time go, oldest (lowest sequence) first.
  local cutoff = ARGV[3]
  while count() > 0 do
    local t = time_of(S.first)
    if not tle(t, cutoff) then break end
    remove(S.first)
  end
elseif op == 'enforce' then
  local L = {
    max_msgs = tonumber(ARGV[3]), max_bytes = tonumber(ARGV[4]), max_per = tonumber(ARGV[5]),
    discard_new = ARGV[6] == '1', discard_new_per = false,
  }
  local previous = tonumber(ARGV[7])
  enforce_totals(L)
  if L.max_per > 0 and (previous == 0 or L.max_per < previous) then
    for _, subject in ipairs(redis.call('HKEYS', SUBJ)) do trim_subject(subject, L.max_per) end
  end
else
  return redis.error_reply('ERR tsnats: unknown operation ' .. op)
end
save_state()
return {'ok', value, EV, first_ts(), S.last}
`;
