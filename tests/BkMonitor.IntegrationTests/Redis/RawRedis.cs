using StackExchange.Redis;

namespace BkMonitor.IntegrationTests.Redis;

/// <summary>A plain connection for looking at what the providers stored; closes without the 1 s drain of Dispose.</summary>
internal sealed class RawRedis : IDisposable
{
    private readonly ConnectionMultiplexer _connection;

    private RawRedis(ConnectionMultiplexer connection) => _connection = connection;

    public IDatabase Db => _connection.GetDatabase();

    public static async Task<RawRedis> ConnectAsync(string connectionString) => new(await ConnectionMultiplexer.ConnectAsync(connectionString));

    public void Dispose() => _connection.Close(allowCommandsToComplete: false);
}
