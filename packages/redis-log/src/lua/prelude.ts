// The Lua every stream script starts with: key names, the stream's counters,
// message (un)indexing with storage-update events, subject matching, and the
// limit and purge policy shared by the append and mutate scripts. It is
// nats-server memstore's semantics, the same as MemoryStore's LimitsPolicy.
//
// Numbers: Lua numbers are doubles, exact up to 2^53 like the sequences, but
// Redis turns a number argument into text with "%.14g", so every number given
// to redis.call goes through fmt(). Times stay decimal strings (ns since the
// epoch exceed 2^53) and are compared as such (tle).

export const PRELUDE = String.raw`
local B = KEYS[1]
local META, SEQS, IDX, MSGS, SUBJ = B .. 'meta', B .. 'seqs', B .. 'idx', B .. 'msgs', B .. 'subjects'
local function skey(subject) return B .. 's:' .. subject end
local function fmt(n) return string.format('%d', n) end
local function num(v) if v then return tonumber(v) end return 0 end

-- a <= b for decimal integer strings
local function tle(a, b)
  local na, nb = string.sub(a, 1, 1) == '-', string.sub(b, 1, 1) == '-'
  if na ~= nb then return na end
  if #a ~= #b then
    if na then return #a > #b end
    return #a < #b
  end
  if na then return a >= b end
  return a <= b
end

-- idx entries are "<size> <time> <subject>" (subjects hold no spaces)
local function parse(v)
  local size, t, subject = string.match(v, '^(%d+) (%-?%d+) (.*)$')
  return tonumber(size), t, subject
end

local S = {}
local function load_state()
  local v = redis.call('HMGET', META, 'first', 'last', 'bytes', 'last_ts')
  S.first, S.last, S.bytes, S.last_ts = num(v[1]), num(v[2]), num(v[3]), v[4] or '0'
end
local function save_state()
  redis.call('HSET', META, 'first', fmt(S.first), 'last', fmt(S.last), 'bytes', fmt(S.bytes),
    'last_ts', S.last_ts)
end
local function count() return redis.call('ZCARD', SEQS) end

-- storage-update events, flat: msgs, bytes, seq, subject
local EV = {}
local function event(m, b, s, subject)
  EV[#EV + 1] = m; EV[#EV + 1] = b; EV[#EV + 1] = s; EV[#EV + 1] = subject
end

local function time_of(seq)
  local v = redis.call('HGET', IDX, fmt(seq))
  if not v then return nil end
  local _, t = parse(v)
  return t
end
local function first_ts()
  if count() == 0 then return '' end
  return time_of(S.first) or ''
end

local function next_live(from)
  local r = redis.call('ZRANGEBYSCORE', SEQS, fmt(from), '+inf', 'LIMIT', 0, 1)
  if r[1] then return tonumber(r[1]) end
  return 0
end
local function advance_first(from)
  local n = next_live(from)
  if n == 0 then S.first = S.last + 1 else S.first = n end
end
local function subject_first(subject)
  local r = redis.call('ZRANGE', skey(subject), 0, 0)
  if r[1] then return tonumber(r[1]) end
  return 0
end
local function subject_last(subject, max)
  local r
  if max then
    r = redis.call('ZREVRANGEBYSCORE', skey(subject), fmt(max), '-inf', 'LIMIT', 0, 1)
  else
    r = redis.call('ZRANGE', skey(subject), -1, -1)
  end
  if r[1] then return tonumber(r[1]) end
  return 0
end

-- Drops a message from every structure without reporting it; returns its size and subject.
local function unindex(seq)
  local fs = fmt(seq)
  local v = redis.call('HGET', IDX, fs)
  if not v then return nil end
  local size, _, subject = parse(v)
  redis.call('HDEL', IDX, fs)
  redis.call('HDEL', MSGS, fs)
  redis.call('ZREM', SEQS, fs)
  redis.call('ZREM', skey(subject), fs)
  if redis.call('HINCRBY', SUBJ, subject, -1) <= 0 then redis.call('HDEL', SUBJ, subject) end
  S.bytes = S.bytes - size
  return size, subject
end

local function remove(seq)
  local size, subject = unindex(seq)
  if not size then return false end
  if seq == S.first then advance_first(seq + 1) end
  event(-1, -size, seq, subject)
  return true
end

-- Everything goes; first/last become the given bounds. One bulk event.
local function drop_all(first, last)
  local n = count()
  local bytes = S.bytes
  for _, subject in ipairs(redis.call('HKEYS', SUBJ)) do redis.call('UNLINK', skey(subject)) end
  redis.call('UNLINK', SEQS, IDX, MSGS, SUBJ)
  S.bytes, S.first, S.last = 0, first, last
  if n > 0 then event(-n, -bytes, 0, '') end
  return n
end

-- Remove every message below seq (past last: everything, the next append gets seq).
local function compact(seq)
  if seq > S.last then return drop_all(seq, seq - 1) end
  local seqs = redis.call('ZRANGEBYSCORE', SEQS, '-inf', '(' .. fmt(seq))
  if #seqs == 0 then return 0 end
  local before = S.bytes
  for _, s in ipairs(seqs) do unindex(tonumber(s)) end
  advance_first(seq)
  event(-#seqs, S.bytes - before, 0, '')
  return #seqs
end

local function split(s)
  local t = {}
  for tok in string.gmatch(s, '[^%.]+') do t[#t + 1] = tok end
  return t
end
local function is_all(f) return f == '' or f == '>' end
local function is_literal(f)
  for _, tok in ipairs(split(f)) do
    if tok == '*' or tok == '>' then return false end
  end
  return true
end
local function tokens_match(st, ft)
  local n = #st
  for i = 1, #ft do
    local f = ft[i]
    if f == '>' then return n >= i end
    if i > n then return false end
    if f ~= '*' and f ~= st[i] then return false end
  end
  return n == #ft
end

-- Stored subjects matching any of the filters (a list), in no particular order.
local function matching_subjects(filters)
  local literal = {}
  local wild = {}
  for _, f in ipairs(filters) do
    if is_all(f) then return redis.call('HKEYS', SUBJ) end
    if is_literal(f) then literal[#literal + 1] = f else wild[#wild + 1] = split(f) end
  end
  local out, seen = {}, {}
  if #wild == 0 then
    for _, f in ipairs(literal) do
      if not seen[f] and redis.call('HEXISTS', SUBJ, f) == 1 then
        seen[f] = true
        out[#out + 1] = f
      end
    end
    return out
  end
  local lit = {}
  for _, f in ipairs(literal) do lit[f] = true end
  for _, subject in ipairs(redis.call('HKEYS', SUBJ)) do
    local ok = lit[subject]
    if not ok then
      local st = split(subject)
      for _, ft in ipairs(wild) do
        if tokens_match(st, ft) then ok = true; break end
      end
    end
    if ok then out[#out + 1] = subject end
  end
  return out
end

local function subject_matcher(filters)
  local fts = {}
  for _, f in ipairs(filters) do
    if is_all(f) then return function() return true end end
    fts[#fts + 1] = split(f)
  end
  return function(subject)
    local st = split(subject)
    for _, ft in ipairs(fts) do
      if tokens_match(st, ft) then return true end
    end
    return false
  end
end

-- Limits: L = { max_msgs, max_bytes, max_per, discard_new, discard_new_per }
local function enforce_totals(L)
  if L.discard_new then return end
  while L.max_msgs > 0 and count() > L.max_msgs do remove(S.first) end
  while L.max_bytes > 0 and S.bytes > L.max_bytes do remove(S.first) end
end
local function trim_subject(subject, max)
  while num(redis.call('HGET', SUBJ, subject)) > max do remove(subject_first(subject)) end
end
`;
