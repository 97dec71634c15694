using BkMonitor.Runtime;
using BkMonitor.Runtime.Redis;
using BkMonitor.Runtime.Redis.Routing;
using BkMonitor.Runtime.Redis.Storage;

namespace BkMonitor.IntegrationTests.Redis;

/// <summary>Grain state sharded over two real Redis nodes by strategy id, with CacheRouter semantics.</summary>
[Collection(TwoRedisNodesCollection.Name)]
public sealed class RedisShardedStorageTests(TwoRedisNodesFixture nodes)
{
    // add_router(a) then add_router(b, 100, 199): [(100, a), (200, b), (1048577, a)]; b is the default node.
    private RedisTestProviders Providers() => RedisTestProviders.Storage("sharded", nodes.First.ConnectionString, o =>
    {
        o.Nodes[0].Name = "a";
        o.Nodes.Add(new RedisNodeOptions { Name = "b", ConnectionString = nodes.Second.ConnectionString, IsDefault = true });
        o.Routers.Add(new RedisRouterOptions { Node = "a" });
        o.Routers.Add(new RedisRouterOptions { Node = "b", Floor = 100, Ceil = 199 });
    });

    [Theory]
    [InlineData("strategy", "99", "a")]
    [InlineData("strategy", "100", "b")]
    [InlineData("strategy", "199:host-1", "b")]
    [InlineData("strategy", "200.cpu", "a")]
    [InlineData("strategy", "1048576", "a")]
    [InlineData("strategy", "0", "b")]
    [InlineData("alert", "abc", "b")]
    [InlineData("alert", "17000000001234567", "b")]
    public async Task State_lands_on_the_node_its_strategy_routes_to(string grainType, string key, string node)
    {
        using var providers = Providers();
        var storage = providers.GrainStorage("sharded");
        var grain = new GrainId(grainType, key);
        Assert.Equal(node, storage.Selector.NodeFor(grain));

        await storage.WriteStateAsync("window", grain, new GrainState<WindowState>(new WindowState { Count = 1 }));

        var stateKey = storage.KeyOf("window", grain);
        Assert.Equal(node == "a", await ExistsAsync(nodes.First.ConnectionString, stateKey));
        Assert.Equal(node == "b", await ExistsAsync(nodes.Second.ConnectionString, stateKey));
        var read = new GrainState<WindowState>(new WindowState());
        await storage.ReadStateAsync("window", grain, read);
        Assert.Equal(1, read.State.Count);
    }

    [Fact]
    public void A_strategy_beyond_the_last_router_has_no_node()
    {
        using var providers = Providers();
        var error = Assert.Throws<StrategyRouteNotFoundException>(() => providers.GrainStorage("sharded").Selector.NodeFor(new GrainId("strategy", "2000000")));
        Assert.Equal(2000000, error.StrategyId);
    }

    [Theory]
    [InlineData("1001", 1001)]
    [InlineData("1001:10.0.0.1", 1001)]
    [InlineData("1001.cpu_usage", 1001)]
    [InlineData("host-1", 0)]
    [InlineData("-5", 0)]
    [InlineData("", 0)]
    [InlineData("99999999999", 0)]
    public void The_strategy_id_is_the_leading_integer_of_the_key(string key, int strategyId)
        => Assert.Equal(strategyId, RedisNodeSelector.StrategyIdOf(new GrainId("strategy", key)));

    [Fact]
    public void Routers_must_name_configured_nodes()
    {
        var options = new RedisStorageOptions { Nodes = [new RedisNodeOptions { Name = "a", ConnectionString = "127.0.0.1:1" }] };
        options.Routers.Add(new RedisRouterOptions { Node = "c", Floor = 0 });
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("Routers[0].Node 'c'", error.Message);
    }

    private static async Task<bool> ExistsAsync(string connectionString, string key)
    {
        using var raw = await RawRedis.ConnectAsync(connectionString);
        return await raw.Db.KeyExistsAsync(key);
    }
}
