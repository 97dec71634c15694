using BkMonitor.IntegrationTests.Fixtures;

namespace BkMonitor.IntegrationTests.Redis;

/// <summary>Two independent redis-servers, for sharding grain state across nodes.</summary>
public sealed class TwoRedisNodesFixture : IAsyncLifetime
{
    public RedisServerFixture First { get; } = new();

    public RedisServerFixture Second { get; } = new();

    public Task InitializeAsync() => Task.WhenAll(First.InitializeAsync(), Second.InitializeAsync());

    public Task DisposeAsync() => Task.WhenAll(First.DisposeAsync(), Second.DisposeAsync());
}

[CollectionDefinition(Name)]
public sealed class TwoRedisNodesCollection : ICollectionFixture<TwoRedisNodesFixture>
{
    public const string Name = "two redis nodes";
}
