namespace BkMonitor.Runtime.Redis.Streams;

/// <summary>Lua for the stream queues; one script call per batch keeps numbering and order in step.</summary>
internal static class RedisStreamScripts
{
    /// <summary>How far back a retried enqueue looks for its own earlier, possibly applied, attempt.</summary>
    public const int RetryScanDepth = 10_000;

    /// <summary>
    /// KEYS queue, sequence counter. ARGV ns, key, max length, 'reject'|'trim', counter ttl ms, batch id,
    /// retry flag, payloads... Replies <c>{1, first seq}</c>, <c>{2, first seq}</c> when a retry found its
    /// batch already queued, or <c>{0, length}</c> when the queue is full.
    /// A missing counter starts at the server's time in microseconds, so a counter lost to its TTL or to a
    /// restart without persistence never numbers below what consumers have already seen.
    /// </summary>
    public static readonly string Enqueue = $$"""
        local n = #ARGV - 7
        if ARGV[7] == '1' then
          local recent = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', {{RetryScanDepth}})
          for _, entry in ipairs(recent) do
            local f = entry[2]
            for i = 1, #f, 2 do
              if f[i] == 'batch' and f[i + 1] == ARGV[6] then
                for j = 1, #f, 2 do
                  if f[j] == 'seq' then return {2, f[j + 1]} end
                end
              end
            end
          end
        end
        local maxlen = tonumber(ARGV[3])
        if ARGV[4] == 'reject' then
          local len = redis.call('XLEN', KEYS[1])
          if len + n > maxlen then return {0, len} end
        end
        if redis.call('EXISTS', KEYS[2]) == 0 then
          local t = redis.call('TIME')
          redis.call('SET', KEYS[2], string.format('%.0f', tonumber(t[1]) * 1000000 + tonumber(t[2])))
        end
        local first = redis.call('INCRBY', KEYS[2], n) - n + 1
        redis.call('PEXPIRE', KEYS[2], ARGV[5])
        redis.call('XADD', KEYS[1], '*', 'ns', ARGV[1], 'key', ARGV[2], 'seq', string.format('%.0f', first), 'idx', 0, 'batch', ARGV[6], 'payload', ARGV[8])
        for i = 2, n do
          redis.call('XADD', KEYS[1], '*', 'ns', ARGV[1], 'key', ARGV[2], 'seq', string.format('%.0f', first + i - 1), 'idx', i - 1, 'payload', ARGV[7 + i])
        end
        if ARGV[4] == 'trim' then redis.call('XTRIM', KEYS[1], 'MAXLEN', maxlen) end
        return {1, string.format('%.0f', first)}
        """;

    /// <summary>KEYS queue; ARGV group, ids...: acknowledges, then deletes, so the length bounds the unacknowledged backlog.</summary>
    public const string AckAndDelete = """
        local group = table.remove(ARGV, 1)
        local acked = redis.call('XACK', KEYS[1], group, unpack(ARGV))
        redis.call('XDEL', KEYS[1], unpack(ARGV))
        return acked
        """;
}
