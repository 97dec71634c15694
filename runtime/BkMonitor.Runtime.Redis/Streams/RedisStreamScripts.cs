using BkMonitor.Runtime.Redis.Connections;

namespace BkMonitor.Runtime.Redis.Streams;

/// <summary>Lua for the stream queues; one script call per queue and batch keeps numbering and order in step.</summary>
internal static class RedisStreamScripts
{
    /// <summary>How far back a retried enqueue looks for its own earlier, possibly applied, attempt.</summary>
    public const int RetryScanDepth = 10_000;

    /// <summary>
    /// Appends the batches of several streams of one queue, all or nothing.
    /// KEYS queue, then one sequence counter per stream. ARGV max length, 'reject'|'trim', counter ttl ms,
    /// batch id, retry flag, then per stream: ns, key, count, payloads... Replies <c>{1, "first,first,..."}</c>
    /// (each stream's first sequence number), <c>{2, ...}</c> when a retry found its batch already queued,
    /// or <c>{0, length}</c> when the queue is full.
    /// A missing counter starts at the server's time in microseconds and is never refreshed: one lost to its
    /// TTL or to a restart without persistence restarts above every number issued before, as long as a
    /// stream averages below one event per microsecond.
    /// </summary>
    public static readonly RedisScript Enqueue = new($$"""
        if ARGV[5] == '1' then
          local recent = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', {{RetryScanDepth}})
          for _, entry in ipairs(recent) do
            local f = entry[2]
            for i = 1, #f, 2 do
              if f[i] == 'batch' and f[i + 1] == ARGV[4] then return {2, f[i + 3]} end
            end
          end
        end
        local maxlen = tonumber(ARGV[1])
        local total, pos = 0, 6
        for s = 2, #KEYS do
          local c = tonumber(ARGV[pos + 2])
          total = total + c
          pos = pos + 3 + c
        end
        if ARGV[2] == 'reject' then
          local len = redis.call('XLEN', KEYS[1])
          if len + total > maxlen then return {0, len} end
        end
        local firsts = {}
        pos = 6
        for s = 2, #KEYS do
          local c = tonumber(ARGV[pos + 2])
          local last = redis.call('INCRBY', KEYS[s], c)
          if last == c then
            local t = redis.call('TIME')
            last = tonumber(t[1]) * 1000000 + tonumber(t[2]) + c
            redis.call('SET', KEYS[s], string.format('%.0f', last), 'PX', ARGV[3])
          end
          firsts[s - 1] = last - c + 1
          pos = pos + 3 + c
        end
        local reply = {}
        for s = 1, #firsts do reply[s] = string.format('%.0f', firsts[s]) end
        reply = table.concat(reply, ',')
        pos = 6
        for s = 2, #KEYS do
          local ns, key, c, first = ARGV[pos], ARGV[pos + 1], tonumber(ARGV[pos + 2]), firsts[s - 1]
          local from = 1
          if s == 2 then
            redis.call('XADD', KEYS[1], '*', 'ns', ns, 'key', key, 'seq', string.format('%.0f', first), 'idx', 0,
              'batch', ARGV[4], 'firsts', reply, 'payload', ARGV[pos + 3])
            from = 2
          end
          for i = from, c do
            redis.call('XADD', KEYS[1], '*', 'ns', ns, 'key', key, 'seq', string.format('%.0f', first + i - 1), 'idx', i - 1,
              'payload', ARGV[pos + 2 + i])
          end
          pos = pos + 3 + c
        end
        if ARGV[2] == 'trim' then redis.call('XTRIM', KEYS[1], 'MAXLEN', maxlen) end
        return {1, reply}
        """);

    /// <summary>KEYS queue; ARGV group, ids...: acknowledges, then deletes, so the length bounds the unacknowledged backlog.</summary>
    public static readonly RedisScript AckAndDelete = new("""
        local group = table.remove(ARGV, 1)
        local acked = redis.call('XACK', KEYS[1], group, unpack(ARGV))
        redis.call('XDEL', KEYS[1], unpack(ARGV))
        return acked
        """);
}
