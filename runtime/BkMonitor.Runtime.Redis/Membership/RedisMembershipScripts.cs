using BkMonitor.Runtime.Redis.Connections;

namespace BkMonitor.Runtime.Redis.Membership;

/// <summary>
/// Lua for the membership hash. Fields: <c>version</c>, and per silo <c>row:{silo}</c> (JSON),
/// <c>etag:{silo}</c>, <c>alive:{silo}</c> (UTC ticks, 19 digits, so string order is time order).
/// A row's new ETag is random, so finding it stored means an earlier attempt of the same call was applied.
/// </summary>
internal static class RedisMembershipScripts
{
    /// <summary>ARGV previous version, new version, silo, json, new etag, alive.</summary>
    public static readonly RedisScript Insert = new("""
        if redis.call('HGET', KEYS[1], 'etag:' .. ARGV[3]) == ARGV[5] then return 1 end
        local v = redis.call('HGET', KEYS[1], 'version') or '0'
        if v ~= ARGV[1] then return 0 end
        if redis.call('HEXISTS', KEYS[1], 'row:' .. ARGV[3]) == 1 then return 0 end
        redis.call('HSET', KEYS[1], 'version', ARGV[2], 'row:' .. ARGV[3], ARGV[4], 'etag:' .. ARGV[3], ARGV[5], 'alive:' .. ARGV[3], ARGV[6])
        return 1
        """);

    /// <summary>
    /// ARGV previous version, new version, silo, json, expected etag, new etag, alive. The heartbeat only
    /// moves forward: a row rewritten from an older read must not undo a newer IAmAlive.
    /// </summary>
    public static readonly RedisScript Update = new("""
        local etag = redis.call('HGET', KEYS[1], 'etag:' .. ARGV[3])
        if etag == ARGV[6] then return 1 end
        local v = redis.call('HGET', KEYS[1], 'version') or '0'
        if v ~= ARGV[1] or etag ~= ARGV[5] then return 0 end
        local alive = redis.call('HGET', KEYS[1], 'alive:' .. ARGV[3])
        if not alive or alive < ARGV[7] then alive = ARGV[7] end
        redis.call('HSET', KEYS[1], 'version', ARGV[2], 'row:' .. ARGV[3], ARGV[4], 'etag:' .. ARGV[3], ARGV[6], 'alive:' .. ARGV[3], alive)
        return 1
        """);

    /// <summary>ARGV silo, alive. Only an existing row gets a heartbeat; no version change.</summary>
    public static readonly RedisScript IAmAlive = new("""
        if redis.call('HEXISTS', KEYS[1], 'row:' .. ARGV[1]) == 0 then return 0 end
        local alive = redis.call('HGET', KEYS[1], 'alive:' .. ARGV[1])
        if not alive or alive < ARGV[2] then redis.call('HSET', KEYS[1], 'alive:' .. ARGV[1], ARGV[2]) end
        return 1
        """);

    /// <summary>ARGV pairs (silo, etag): removes each row still at the etag it was judged defunct at.</summary>
    public static readonly RedisScript Remove = new("""
        local removed = 0
        for i = 1, #ARGV, 2 do
          if redis.call('HGET', KEYS[1], 'etag:' .. ARGV[i]) == ARGV[i + 1] then
            redis.call('HDEL', KEYS[1], 'row:' .. ARGV[i], 'etag:' .. ARGV[i], 'alive:' .. ARGV[i])
            removed = removed + 1
          end
        end
        return removed
        """);
}
