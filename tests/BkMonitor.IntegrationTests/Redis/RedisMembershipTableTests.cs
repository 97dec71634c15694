using BkMonitor.IntegrationTests.Fixtures;
using BkMonitor.Runtime;

namespace BkMonitor.IntegrationTests.Redis;

/// <summary>The membership conformance suite on a real redis-server, plus the Redis layout.</summary>
public sealed class RedisMembershipTableTests(RedisServerFixture redis) : MembershipTableConformanceTests, IClassFixture<RedisServerFixture>, IDisposable
{
    private readonly List<RedisTestProviders> _providers = [];

    protected override Task<IMembershipTable> CreateTableAsync()
    {
        var providers = RedisTestProviders.Membership(redis.ConnectionString);
        _providers.Add(providers);
        return Task.FromResult<IMembershipTable>(providers.MembershipTable);
    }

    [Fact]
    public async Task The_table_is_one_hash_named_by_service_and_cluster()
    {
        var table = (BkMonitor.Runtime.Redis.Membership.RedisMembershipTable)await CreateTableAsync();
        await table.InitAsync(CancellationToken.None);
        await table.InsertRowAsync(Entry(5), (await table.ReadAllAsync()).Version.Next());

        Assert.Matches(@"^bk_monitor\.ee\.t[0-9a-f]{12}\.cluster\.membership\.bkmonitor\.default$", table.Key);
        using var raw = await RawRedis.ConnectAsync(redis.ConnectionString);
        var fields = (await raw.Db.HashKeysAsync(table.Key)).Select(f => (string)f!).Order();
        Assert.Equal(["alive:10.0.0.1:5@42", "etag:10.0.0.1:5@42", "row:10.0.0.1:5@42", "version"], fields);
    }

    [Fact]
    public async Task An_older_row_write_never_moves_the_heartbeat_back()
    {
        var table = await CreateTableAsync();
        await table.InsertRowAsync(Entry(1), (await table.ReadAllAsync()).Version.Next());
        var read = await table.ReadAllAsync();
        await table.UpdateIAmAliveAsync(Entry(1).Silo, Start.AddMinutes(1));

        // Another silo votes with the row it read before the heartbeat.
        var (entry, etag) = read.Entries[0];
        Assert.True(await table.UpdateRowAsync(entry with { Suspicions = [new SuspicionVote(Entry(2).Silo, Start)] }, etag, read.Version.Next()));

        Assert.Equal(Start.AddMinutes(1), (await table.ReadAllAsync()).Entries[0].Entry.IAmAliveTime);
    }

    public void Dispose()
    {
        foreach (var p in _providers) p.Dispose();
    }
}
