using StackExchange.Redis;

namespace BkMonitor.IntegrationTests.Redis;

/// <summary>A plain connection for looking at what the providers stored; closes without the 1 s drain of Dispose.</summary>
internal sealed class RawRedis : IDisposable
{
    private readonly ConnectionMultiplexer _connection;

    private RawRedis(ConnectionMultiplexer connection) => _connection = connection;

    public IDatabase Db => _connection.GetDatabase();

    public static async Task<RawRedis> ConnectAsync(string connectionString) => new(await ConnectionMultiplexer.ConnectAsync(connectionString));

    /// <summary>
    /// Keeps the server busy in a script for <paramref name="duration"/>. Sent on a provider's own connection,
    /// it runs before the provider's next command, whose reply then arrives only after the hold.
    /// </summary>
    public static Task HoldServerAsync(IDatabase db, TimeSpan duration) => db.ScriptEvaluateAsync("""
        local s = redis.call('TIME')
        repeat local n = redis.call('TIME') until (n[1] - s[1]) * 1000000 + (n[2] - s[2]) > tonumber(ARGV[1])
        return 1
        """, [], [(long)(duration.TotalMilliseconds * 1000)]);

    public void Dispose() => _connection.Close(allowCommandsToComplete: false);
}
