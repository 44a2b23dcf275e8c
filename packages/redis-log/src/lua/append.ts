// The append script: one or many records, atomically, with nats-server's
// publish checks and stream limits. Contract (also in the README):
//
// KEYS[1]  the stream's key base, "{<prefix>:<stream>}:"
// ARGV     fence, max_msgs, max_bytes, max_msgs_per_subject, discard_new (0|1),
//          discard_new_per_subject (0|1), duplicate window ms (0: no dedupe),
//          now ms, record count, then per record 8 fields:
//          subject, body, seq (0: next), time (ns), msg id, expected last seq,
//          expected last subject seq, expected last msg id ('' = no check)
// Returns  {'fenced', current epoch} when the fence is not the current epoch
//          (nothing written), else {'ok', results, events, first_ts, last_seq}
//          with one {code, seq, detail} per record: code 'ok' (seq stored),
//          'duplicate' (seq of the original), 'wrong_last_sequence' /
//          'wrong_last_subject_sequence' (seq: the actual one),
//          'wrong_last_msg_id' (detail: the actual id), or a StoreError code
//          ('max_msgs', 'max_bytes', 'max_msgs_per_subject', 'sequence_mismatch').
//          A refused record stores nothing and uses no sequence.

import { FENCE_CHECK } from './fence.js';
import { PRELUDE } from './prelude.js';

export const RECORD_FIELDS = 8;

export const APPEND_SCRIPT =
  PRELUDE +
  FENCE_CHECK +
  String.raw`
local L = {
  max_msgs = tonumber(ARGV[2]), max_bytes = tonumber(ARGV[3]), max_per = tonumber(ARGV[4]),
  discard_new = ARGV[5] == '1', discard_new_per = ARGV[6] == '1',
}
local window, now_ms = tonumber(ARGV[7]), tonumber(ARGV[8])
local IDS, IDT = B .. 'ids', B .. 'idtimes'
load_state()
local lmsgid = redis.call('HGET', META, 'lmsgid') or ''

local pruned = false
local function prune()
  if pruned then return end
  pruned = true
  local old = redis.call('ZRANGEBYSCORE', IDT, '-inf', '(' .. fmt(now_ms - window), 'LIMIT', 0, 1000)
  if #old > 0 then
    redis.call('HDEL', IDS, unpack(old))
    redis.call('ZREM', IDT, unpack(old))
  end
end

-- nats-server's order: dedupe, last subject seq, last seq, last msg id, then the store's limits.
local function append_one(subject, body, seq, t, msgid, els, elss, elid)
  local dedupe = msgid ~= '' and window > 0
  if dedupe then
    prune()
    local original = redis.call('HGET', IDS, msgid)
    if original then return {'duplicate', tonumber(original)} end
  end
  if elss ~= '' then
    local last = subject_last(subject)
    if tonumber(elss) ~= last then return {'wrong_last_subject_sequence', last} end
  end
  if els ~= '' and tonumber(els) ~= S.last then return {'wrong_last_sequence', S.last} end
  if elid ~= '' and elid ~= lmsgid then return {'wrong_last_msg_id', 0, lmsgid} end

  local size = #subject + #body - 4 + 16
  if L.discard_new then
    local at = L.max_per > 0 and num(redis.call('HGET', SUBJ, subject)) >= L.max_per
    if at and L.discard_new_per then return {'max_msgs_per_subject', 0} end
    -- At its subject's limit the message replaces that subject's oldest: totals do not grow.
    if L.max_msgs > 0 and count() >= L.max_msgs and not at then return {'max_msgs', 0} end
    if L.max_bytes > 0 and S.bytes + size >= L.max_bytes then
      if not at then return {'max_bytes', 0} end
      local oldest = parse(redis.call('HGET', IDX, fmt(subject_first(subject))))
      if oldest < size then return {'max_bytes', 0} end
    end
  end
  if seq ~= S.last + 1 then
    if seq > 0 then return {'sequence_mismatch', S.last} end
    seq = S.last + 1
  end

  local fs = fmt(seq)
  redis.call('HSET', IDX, fs, fmt(size) .. ' ' .. t .. ' ' .. subject)
  redis.call('HSET', MSGS, fs, body)
  redis.call('ZADD', SEQS, fs, fs)
  redis.call('ZADD', skey(subject), fs, fs)
  redis.call('HINCRBY', SUBJ, subject, 1)
  if count() == 1 then S.first = seq end
  S.bytes = S.bytes + size
  S.last = seq
  S.last_ts = t
  if L.max_per > 0 then trim_subject(subject, L.max_per) end
  enforce_totals(L)
  if dedupe then
    redis.call('HSET', IDS, msgid, fs)
    redis.call('ZADD', IDT, fmt(now_ms), msgid)
  end
  lmsgid = msgid
  event(1, size, seq, subject)
  return {'ok', seq}
end

local results = {}
local n = tonumber(ARGV[9])
for i = 0, n - 1 do
  local a = 10 + i * ${RECORD_FIELDS}
  results[#results + 1] = append_one(ARGV[a], ARGV[a + 1], tonumber(ARGV[a + 2]), ARGV[a + 3],
    ARGV[a + 4], ARGV[a + 5], ARGV[a + 6], ARGV[a + 7])
end
save_state()
redis.call('HSET', META, 'lmsgid', lmsgid)
return {'ok', results, EV, first_ts(), S.last}
`;
