// The read script: every query of a stream in one round trip, consistent
// with the writes before it. KEYS[1] is the stream's key base, ARGV[1] the
// query, then its arguments. Messages come back as {seq, idx entry, body};
// a StoreError as {code}.

import { PRELUDE } from './prelude.js';

export const READ_SCRIPT =
  PRELUDE +
  String.raw`
local op = ARGV[1]
load_state()

local function message(seq)
  local fs = fmt(seq)
  local v = redis.call('HGET', IDX, fs)
  if not v then return nil end
  return {seq, v, redis.call('HGET', MSGS, fs)}
end
local function filters_from(i)
  local out = {}
  for j = i, #ARGV do out[#out + 1] = ARGV[j] end
  return out
end
local function all_of(filters)
  if #filters == 0 then return true end
  for _, f in ipairs(filters) do if is_all(f) then return true end end
  return false
end

if op == 'load' then
  local seq = tonumber(ARGV[2])
  local m = message(seq)
  if m then return m end
  if seq > S.last then return {'eof'} end
  return {'msg_not_found'}
end

if op == 'next' then
  local start = tonumber(ARGV[2])
  local filters = filters_from(3)
  if start < S.first then start = S.first end
  if start > S.last or count() == 0 then return {0, S.last} end
  local found = 0
  if all_of(filters) then
    found = next_live(start)
  else
    local subjects = matching_subjects(filters)
    -- Per subject when there are fewer subjects than sequences to walk (nats-server's heuristic).
    if #subjects < S.last - start + 1 or #filters == 1 and is_literal(filters[1]) then
      for _, subject in ipairs(subjects) do
        local r = redis.call('ZRANGEBYSCORE', skey(subject), fmt(start), '+inf', 'LIMIT', 0, 1)
        if r[1] then
          local s = tonumber(r[1])
          if found == 0 or s < found then found = s end
        end
      end
    else
      local matches = subject_matcher(filters)
      local from = fmt(start)
      while found == 0 do
        local page = redis.call('ZRANGEBYSCORE', SEQS, from, '+inf', 'LIMIT', 0, 256)
        for _, s in ipairs(page) do
          local _, _, subject = parse(redis.call('HGET', IDX, s))
          if matches(subject) then found = tonumber(s); break end
        end
        if #page < 256 then break end
        from = '(' .. page[#page]
      end
    end
  end
  if found == 0 then return {0, S.last} end
  return message(found)
end

if op == 'last' then
  local filter = ARGV[2]
  local best = 0
  if is_all(filter) then
    local r = redis.call('ZRANGE', SEQS, -1, -1)
    if r[1] then best = tonumber(r[1]) end
  else
    for _, subject in ipairs(matching_subjects({filter})) do
      local s = subject_last(subject)
      if s > best then best = s end
    end
  end
  if best == 0 then return {'msg_not_found'} end
  return message(best)
end

if op == 'from_time' then
  -- Binary search over the stored sequences by rank.
  local t = ARGV[2]
  local lo, hi = 0, count() - 1
  local answer = S.last + 1
  while lo <= hi do
    local mid = math.floor((lo + hi) / 2)
    local seq = tonumber(redis.call('ZRANGE', SEQS, mid, mid)[1])
    if tle(t, time_of(seq)) then
      answer = seq
      hi = mid - 1
    else
      lo = mid + 1
    end
  end
  return answer
end

-- count, first and last of the messages matching the filters at or after seq
local function filtered(seq, filters)
  if seq < S.first then seq = S.first end
  if seq > S.last or count() == 0 then return {0, 0, 0} end
  if all_of(filters) then
    local n = redis.call('ZCOUNT', SEQS, fmt(seq), '+inf')
    if n == 0 then return {0, 0, 0} end
    return {n, next_live(seq), tonumber(redis.call('ZRANGE', SEQS, -1, -1)[1])}
  end
  local n, first, last = 0, 0, 0
  for _, subject in ipairs(matching_subjects(filters)) do
    local k = skey(subject)
    local c = redis.call('ZCOUNT', k, fmt(seq), '+inf')
    if c > 0 then
      n = n + c
      local f = tonumber(redis.call('ZRANGEBYSCORE', k, fmt(seq), '+inf', 'LIMIT', 0, 1)[1])
      if first == 0 or f < first then first = f end
      local l = subject_last(subject)
      if l > last then last = l end
    end
  end
  return {n, first, last}
end

if op == 'filtered' then
  return filtered(tonumber(ARGV[2]), {ARGV[3]})
end

if op == 'pending' then
  local seq, filter, last_per = tonumber(ARGV[2]), ARGV[3], ARGV[4] == '1'
  if not last_per then return {filtered(seq, {filter})[1], S.last} end
  if seq < S.first then seq = S.first end
  if seq > S.last then return {0, S.last} end
  local n = 0
  for _, subject in ipairs(matching_subjects({filter})) do
    if subject_last(subject) >= seq then n = n + 1 end
  end
  return {n, S.last}
end

if op == 'subjects' then
  -- flat: subject, count, first, last
  local out = {}
  for _, subject in ipairs(matching_subjects({ARGV[2]})) do
    out[#out + 1] = subject
    out[#out + 1] = num(redis.call('HGET', SUBJ, subject))
    out[#out + 1] = subject_first(subject)
    out[#out + 1] = subject_last(subject)
  end
  return out
end

if op == 'totals' then
  local out = {}
  for _, subject in ipairs(matching_subjects({ARGV[2]})) do
    out[#out + 1] = subject
    out[#out + 1] = num(redis.call('HGET', SUBJ, subject))
  end
  return out
end

if op == 'multi_last' then
  if count() == 0 then return {} end
  local max_seq, max_allowed = tonumber(ARGV[2]), tonumber(ARGV[3])
  if max_seq == 0 then max_seq = S.last end
  local seen, out = {}, {}
  for _, filter in ipairs(filters_from(4)) do
    for _, subject in ipairs(matching_subjects({filter})) do
      local s = subject_last(subject, max_seq)
      if s ~= 0 and not seen[s] then
        seen[s] = true
        out[#out + 1] = s
      end
    end
    if max_allowed > 0 and #out > max_allowed then return {'too_many_results'} end
  end
  table.sort(out)
  return out
end

if op == 'state' then
  local live = {}
  if ARGV[2] == '1' then live = redis.call('ZRANGE', SEQS, 0, -1) end
  return {count(), S.bytes, S.first, first_ts(), S.last, S.last_ts, redis.call('HLEN', SUBJ), live}
end

return redis.error_reply('ERR tsnats: unknown query ' .. op)
`;
