using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace BkMonitor.Runtime.Redis.Connections;

/// <summary>
/// A Lua script sent as EVALSHA (40 bytes instead of the whole text on every call), falling back to EVAL
/// when the server does not know it yet, e.g. after a restart; EVAL also caches it for the next call.
/// </summary>
internal sealed class RedisScript(string text)
{
    // SHA1 is how Redis names scripts, not a security measure.
    private readonly byte[] _sha1 = SHA1.HashData(Encoding.UTF8.GetBytes(text));

    public string Text => text;

    public async Task<RedisResult> EvaluateAsync(IDatabase db, RedisKey[] keys, RedisValue[] args)
    {
        try
        {
            return await db.ScriptEvaluateAsync(_sha1, keys, args);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            return await db.ScriptEvaluateAsync(text, keys, args);
        }
    }
}
