package dev.judge.redis;

import java.util.List;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of the Redis adapters. Every change of a job's state is one script, so it is atomic on the
 * server and cannot be left half done by a crash of the caller.
 *
 * <p>Key layout under the prefix {@code P}: {@code P:live} (set of live ids: duplicate guard and depth),
 * {@code P:job:<id>} (hash: payload, stream, entry, attempts, lease, error), {@code P:s:<lane>:<language>}
 * (stream per lane and language, consumer group {@code judge}), {@code P:langs} (set of languages seen),
 * {@code P:delayed} (sorted set of released jobs by due time), {@code P:dead} (stream of dead letters),
 * {@code P:seq} (counter of stream entry ids), {@code P:r:<id>} (hash: status rank and result JSON), where
 * {@code P:} is the key prefix. The scripts derive job and stream keys from the prefix, so on a Redis Cluster
 * the prefix must carry a hash tag (for example {@code {judge}:}) to keep all keys in one slot.
 */
final class RedisScripts {
    private RedisScripts() {
    }

    private static final String COMMON = """
            local function now_ms()
              local t = redis.call('TIME')
              return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            end
            local function ensure_stream(stream, group)
              if redis.call('EXISTS', stream) == 0 then
                redis.call('XGROUP', 'CREATE', stream, group, '0', 'MKSTREAM')
              end
            end
            -- Entry ids come from one counter for all streams, so ids compare across a lane's streams in the
            -- order the jobs arrived (time-based ids only order to the millisecond across streams).
            local function next_id(seq_key)
              return '0-' .. redis.call('INCR', seq_key)
            end
            local function to_dead(dead, dead_max, id, payload, attempts, reason, now)
              redis.call('XADD', dead, 'MAXLEN', '~', dead_max, '*', 'id', id, 'payload', payload,
                'attempts', attempts, 'reason', reason, 'deadAt', now)
            end
            """;

    /** Adds one job unless its id is live; returns 1 if added, else 0. The caller publishes the wake-up. */
    private static final String ADD_JOB = """
            local function add_job(live, job, stream, langs, seq, id, payload, lang, group)
              if redis.call('SADD', live, id) == 0 then return 0 end
              redis.call('SADD', langs, lang)
              ensure_stream(stream, group)
              local entry = redis.call('XADD', stream, next_id(seq), 'id', id)
              redis.call('DEL', job)
              redis.call('HSET', job, 'payload', payload, 'stream', stream, 'entry', entry, 'attempts', 0,
                'lease', '', 'error', '')
              return 1
            end
            """;

    /**
     * KEYS: live, job, stream, langs, seq. ARGV: id, payload, language, group, wake channel. Returns 1, or 0 if
     * the id is live.
     */
    static final RedisScript<Long> ENQUEUE = new DefaultRedisScript<>(COMMON + ADD_JOB + """
            if add_job(KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], ARGV[1], ARGV[2], ARGV[3], ARGV[4]) == 0 then
              return 0
            end
            redis.call('PUBLISH', ARGV[5], ARGV[3])
            return 1
            """, Long.class);

    /**
     * Many jobs in order, in one round trip. KEYS: live, langs, seq, then job and stream of each job. ARGV: group,
     * wake channel, then id, payload and language of each job. Publishes one wake-up per language added. Returns
     * the number of jobs added (a live id is skipped, as by {@link #ENQUEUE}).
     */
    static final RedisScript<Long> ENQUEUE_ALL = new DefaultRedisScript<>(COMMON + ADD_JOB + """
            local added, woken = 0, {}
            for i = 0, (#KEYS - 3) / 2 - 1 do
              local lang = ARGV[3 * i + 5]
              if add_job(KEYS[1], KEYS[2 * i + 4], KEYS[2 * i + 5], KEYS[2], KEYS[3], ARGV[3 * i + 3],
                  ARGV[3 * i + 4], lang, ARGV[1]) == 1 then
                added = added + 1
                if not woken[lang] then
                  woken[lang] = true
                  redis.call('PUBLISH', ARGV[2], lang)
                end
              end
            end
            return added
            """, Long.class);

    /**
     * KEYS: delayed, live, langs, dead. ARGV: prefix, group, consumer, visibility ms, max attempts, dead cap,
     * lease token, then the languages served (none: all). Returns {payload, attempt, lease end ms}, or {} if none.
     */
    @SuppressWarnings("rawtypes")
    static final RedisScript<List> CLAIM = new DefaultRedisScript<>(COMMON + """
            local prefix, group, consumer = ARGV[1], ARGV[2], ARGV[3]
            local vis, max_attempts, dead_max, token = tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6], ARGV[7]
            local now = now_ms()

            -- Released jobs whose backoff is over go back to the end of their stream.
            for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, 100)) do
              redis.call('ZREM', KEYS[1], id)
              local job = prefix .. 'job:' .. id
              local stream = redis.call('HGET', job, 'stream')
              if stream then
                ensure_stream(stream, group)
                redis.call('HSET', job, 'entry', redis.call('XADD', stream, next_id(prefix .. 'seq'), 'id', id))
              end
            end

            local langs = {}
            if #ARGV > 7 then
              for i = 8, #ARGV do langs[#langs + 1] = ARGV[i] end
            else
              langs = redis.call('SMEMBERS', KEYS[3])
            end

            local function older(a, b)
              local a1, a2 = string.match(a, '(%d+)-(%d+)')
              local b1, b2 = string.match(b, '(%d+)-(%d+)')
              a1, a2, b1, b2 = tonumber(a1), tonumber(a2), tonumber(b1), tonumber(b2)
              return a1 < b1 or (a1 == b1 and a2 < b2)
            end
            local function last_delivered(stream)
              for _, g in ipairs(redis.call('XINFO', 'GROUPS', stream)) do
                local name, last
                for i = 1, #g, 2 do
                  if g[i] == 'name' then name = g[i + 1] elseif g[i] == 'last-delivered-id' then last = g[i + 1] end
                end
                if name == group then return last end
              end
              return nil
            end
            local function field(fields, name)
              for i = 1, #fields, 2 do if fields[i] == name then return fields[i + 1] end end
              return nil
            end

            -- The oldest claimable entry of a lane: a lease that ran out, or the next undelivered entry.
            local function candidate(lane)
              local best
              for _, lang in ipairs(langs) do
                local stream = prefix .. 's:' .. lane .. ':' .. lang
                if redis.call('EXISTS', stream) == 1 then
                  local p = redis.call('XPENDING', stream, group, 'IDLE', ARGV[4], '-', '+', 1)
                  if #p > 0 and (best == nil or older(p[1][1], best.id)) then
                    best = {stream = stream, id = p[1][1], pending = true}
                  end
                  local last = last_delivered(stream)
                  if last then
                    local n = redis.call('XRANGE', stream, '(' .. last, '+', 'COUNT', 1)
                    if #n > 0 and (best == nil or older(n[1][1], best.id)) then
                      best = {stream = stream, id = n[1][1], pending = false}
                    end
                  end
                end
              end
              return best
            end

            for lane = 0, 2 do
              for _ = 1, 1000 do
                local c = candidate(lane)
                if c == nil then break end
                local fields
                if c.pending then
                  redis.call('XCLAIM', c.stream, group, consumer, 0, c.id, 'JUSTID')
                  local e = redis.call('XRANGE', c.stream, c.id, c.id)
                  if #e > 0 then fields = e[1][2] end
                else
                  local r = redis.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', 1, 'STREAMS', c.stream, '>')
                  if r and r[1] and #r[1][2] > 0 then
                    c.id = r[1][2][1][1]
                    fields = r[1][2][1][2]
                  end
                end
                if fields == nil and not c.pending then break end
                local id = fields and field(fields, 'id')
                local job = id and (prefix .. 'job:' .. id)
                local state = job and redis.call('HMGET', job, 'payload', 'entry', 'attempts', 'error')
                if not state or not state[1] or state[2] ~= c.id then
                  -- Not a live job's current entry (left over from a crash or a rejudge): drop it.
                  redis.call('XACK', c.stream, group, c.id)
                  redis.call('XDEL', c.stream, c.id)
                else
                  local attempts = tonumber(state[3])
                  if attempts >= max_attempts then
                    -- Delivered as often as allowed and the last lease ran out too: its worker likely died on it.
                    local reason = 'lease expired after ' .. attempts .. ' deliveries'
                    if state[4] and state[4] ~= '' then reason = reason .. '; last failure: ' .. state[4] end
                    to_dead(KEYS[4], dead_max, id, state[1], attempts, reason, now)
                    redis.call('XACK', c.stream, group, c.id)
                    redis.call('XDEL', c.stream, c.id)
                    redis.call('DEL', job)
                    redis.call('SREM', KEYS[2], id)
                  else
                    attempts = attempts + 1
                    redis.call('HSET', job, 'attempts', attempts, 'lease', token)
                    return {state[1], attempts, now + vis}
                  end
                end
              end
            end
            return {}
            """, List.class);

    /** KEYS: job, live. ARGV: id, lease, group. Returns 1, or 0 for a stale lease. */
    static final RedisScript<Long> ACK = new DefaultRedisScript<>("""
            local h = redis.call('HMGET', KEYS[1], 'lease', 'stream', 'entry')
            if not h[1] or h[1] ~= ARGV[2] then return 0 end
            redis.call('XACK', h[2], ARGV[3], h[3])
            redis.call('XDEL', h[2], h[3])
            redis.call('DEL', KEYS[1])
            redis.call('SREM', KEYS[2], ARGV[1])
            return 1
            """, Long.class);

    /** KEYS: job. ARGV: lease, group, consumer. Resets the entry's idle time. Returns 1, or 0 for a stale lease. */
    static final RedisScript<Long> EXTEND = new DefaultRedisScript<>("""
            local h = redis.call('HMGET', KEYS[1], 'lease', 'stream', 'entry')
            if not h[1] or h[1] ~= ARGV[1] then return 0 end
            redis.call('XCLAIM', h[2], ARGV[2], ARGV[3], 0, h[3], 'JUSTID')
            return 1
            """, Long.class);

    /**
     * KEYS: job, live, delayed, dead. ARGV: id, lease, group, max attempts, backoff ms, reason, dead cap.
     * Returns 0 for a stale lease, 1 when delayed for a retry, 2 when dead.
     */
    static final RedisScript<Long> RELEASE = new DefaultRedisScript<>(COMMON + """
            local h = redis.call('HMGET', KEYS[1], 'lease', 'stream', 'entry', 'attempts', 'payload')
            if not h[1] or h[1] ~= ARGV[2] then return 0 end
            redis.call('XACK', h[2], ARGV[3], h[3])
            redis.call('XDEL', h[2], h[3])
            local now = now_ms()
            if tonumber(h[4]) >= tonumber(ARGV[4]) then
              to_dead(KEYS[4], ARGV[7], ARGV[1], h[5], h[4], ARGV[6], now)
              redis.call('DEL', KEYS[1])
              redis.call('SREM', KEYS[2], ARGV[1])
              return 2
            end
            redis.call('HSET', KEYS[1], 'lease', '', 'entry', '', 'error', ARGV[6])
            redis.call('ZADD', KEYS[3], now + tonumber(ARGV[5]), ARGV[1])
            return 1
            """, Long.class);

    /** Stores one result if the rule allows it and publishes the change; returns 1 if stored, else 0. */
    private static final String PUT_RESULT = """
            local function put_result(key, rank, json, final_rank, retention, channel, origin)
              rank = tonumber(rank)
              local cur = redis.call('HGET', key, 'rank')
              if cur then
                cur = tonumber(cur)
                if cur >= tonumber(final_rank) or rank < cur then return 0 end
              end
              redis.call('HSET', key, 'rank', rank, 'json', json)
              if tonumber(retention) > 0 then
                redis.call('PEXPIRE', key, retention)
              else
                redis.call('PERSIST', key)
              end
              redis.call('PUBLISH', channel, origin .. ' ' .. json)
              return 1
            end
            """;

    /**
     * KEYS: result. ARGV: status rank, JSON, final rank, retention ms (0: keep), channel, origin. The rule of
     * {@code StoreRules.mayReplace}; publishes the change. Returns 1 if stored, else 0.
     */
    static final RedisScript<Long> SAVE_RESULT = new DefaultRedisScript<>(PUT_RESULT + """
            return put_result(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6])
            """, Long.class);

    /**
     * Many results in order, in one round trip. KEYS: each result. ARGV: final rank, retention ms, channel, origin,
     * then status rank and JSON of each result. Returns 1 or 0 per result, as {@link #SAVE_RESULT} does.
     */
    @SuppressWarnings("rawtypes")
    static final RedisScript<List> SAVE_RESULTS = new DefaultRedisScript<>(PUT_RESULT + """
            local stored = {}
            for i = 1, #KEYS do
              stored[i] = put_result(KEYS[i], ARGV[2 * i + 3], ARGV[2 * i + 4], ARGV[1], ARGV[2], ARGV[3], ARGV[4])
            end
            return stored
            """, List.class);
}
