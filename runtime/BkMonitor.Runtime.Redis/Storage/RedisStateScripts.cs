using BkMonitor.Runtime.Redis.Connections;

namespace BkMonitor.Runtime.Redis.Storage;

/// <summary>
/// Lua compare-and-set for grain state hashes <c>{etag, data}</c>. An empty expected ETag means "must not
/// exist". Replies are <c>{1}</c> on success or <c>{0, stored etag or ''}</c> on a mismatch.
/// </summary>
internal static class RedisStateScripts
{
    /// <summary>
    /// KEYS[1] state; ARGV expected etag, new etag, data, ttl ms ('0' = keep forever).
    /// The new ETag is random per write, so finding it stored means an earlier attempt of this very write
    /// was applied before its reply got lost: that is success, not a conflict.
    /// </summary>
    public static readonly RedisScript Write = new("""
        local current = redis.call('HGET', KEYS[1], 'etag')
        if current == ARGV[2] then return {1} end
        if not current then current = '' end
        if current ~= ARGV[1] then return {0, current} end
        redis.call('HSET', KEYS[1], 'etag', ARGV[2], 'data', ARGV[3])
        if ARGV[4] == '0' then redis.call('PERSIST', KEYS[1]) else redis.call('PEXPIRE', KEYS[1], ARGV[4]) end
        return {1}
        """);

    /// <summary>
    /// KEYS[1] state; ARGV expected etag, retry flag. A retry that finds nothing stored treats the record
    /// as cleared by its own earlier attempt (the outcome the caller wanted either way).
    /// </summary>
    public static readonly RedisScript Clear = new("""
        local current = redis.call('HGET', KEYS[1], 'etag')
        if not current then
          if ARGV[1] == '' or ARGV[2] == '1' then return {1} end
          return {0, ''}
        end
        if current ~= ARGV[1] then return {0, current} end
        redis.call('DEL', KEYS[1])
        return {1}
        """);
}
