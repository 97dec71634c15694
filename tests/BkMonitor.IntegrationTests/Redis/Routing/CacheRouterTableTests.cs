using BkMonitor.Runtime.Redis.Routing;

namespace BkMonitor.IntegrationTests.Redis.Routing;

/// <summary>Expected tables come from a Python run of bk-monitor's add_router/optimize_router on the same calls.</summary>
public class CacheRouterTableTests
{
    private const int A = 1, B = 2, C = 3;

    private static CacheRouterTable Build(params (int Node, int Floor, int Ceil)[] calls)
    {
        var table = new CacheRouterTable();
        foreach (var (node, floor, ceil) in calls)
        {
            table.AddRouter(node, floor, ceil);
        }
        return table;
    }

    private static (int, int)[] Rows(CacheRouterTable table) => [.. table.Routers.Select(r => (r.StrategyScore, r.NodeId))];

    [Fact]
    public void The_first_router_covers_everything_up_to_two_to_the_twentieth()
    {
        var table = new CacheRouterTable();
        table.AddRouter(A);
        Assert.Equal([(1048577, A)], Rows(table));
    }

    [Fact]
    public void The_spec_example_splits_around_the_new_range()
    {
        var table = Build((A, 0, 1 << 20), (B, 100, 199));
        Assert.Equal([(100, A), (200, B), (1048577, A)], Rows(table));
    }

    [Theory]
    [InlineData(1, A)]
    [InlineData(99, A)]
    [InlineData(100, B)]
    [InlineData(199, B)]
    [InlineData(200, A)]
    [InlineData(1048576, A)]
    public void A_strategy_maps_to_the_first_router_scoring_above_its_id(int strategyId, int node)
    {
        var table = Build((A, 0, 1 << 20), (B, 100, 199));
        Assert.Equal(node, table.NodeFor(strategyId, defaultNodeId: C));
    }

    [Fact]
    public void Strategy_zero_goes_to_the_default_node()
    {
        var table = Build((A, 0, 1 << 20));
        Assert.Equal(C, table.NodeFor(0, defaultNodeId: C));
        Assert.Equal(C, new CacheRouterTable().NodeFor(0, defaultNodeId: C));
    }

    [Fact]
    public void A_strategy_beyond_the_last_router_has_no_node()
    {
        var table = Build((A, 0, 1 << 20));
        var error = Assert.Throws<StrategyRouteNotFoundException>(() => table.NodeFor(1048577, C));
        Assert.Equal(1048577, error.StrategyId);
        Assert.Contains("1048577", error.Message);
        Assert.Throws<StrategyRouteNotFoundException>(() => table.NodeFor(int.MaxValue, C));
        Assert.Throws<StrategyRouteNotFoundException>(() => new CacheRouterTable().NodeFor(5, C));
    }

    [Fact]
    public void A_full_overwrite_keeps_bk_monitors_zero_boundary()
    {
        var table = Build((A, 0, 1 << 20), (B, 0, 1 << 20));
        Assert.Equal([(0, A), (1048577, B)], Rows(table));
        Assert.Equal(B, table.NodeFor(1, C));
    }

    [Fact]
    public void Routing_a_range_back_to_its_neighbours_node_merges_it_away()
    {
        var table = Build((A, 0, 1 << 20), (B, 100, 199), (A, 100, 199));
        Assert.Equal([(1048577, A)], Rows(table));
    }

    [Fact]
    public void Adjacent_ranges_on_one_node_merge()
    {
        var table = Build((A, 0, 1 << 20), (B, 100, 199), (B, 200, 299));
        Assert.Equal([(100, A), (300, B), (1048577, A)], Rows(table));
    }

    [Fact]
    public void The_seed_example_of_three_nodes_builds_as_documented()
    {
        var table = Build((A, 0, 1 << 20), (B, 100, 199), (C, 200, 999), (A, 1000, 1999));
        Assert.Equal([(100, A), (200, B), (1000, C), (1048577, A)], Rows(table));
    }

    [Fact]
    public void An_overlapping_range_cuts_into_its_predecessor()
    {
        var table = Build((A, 0, 1 << 20), (B, 100, 199), (C, 150, 249));
        Assert.Equal([(100, A), (150, B), (250, C), (1048577, A)], Rows(table));
    }

    [Fact]
    public void Routing_a_range_to_the_node_it_already_has_changes_nothing()
    {
        var table = Build((A, 0, 1 << 20), (A, 100, 199));
        Assert.Equal([(1048577, A)], Rows(table));
    }

    [Fact]
    public void A_floor_on_an_existing_boundary_splits_nothing()
    {
        var table = Build((A, 0, 1 << 20), (B, 100, 199), (C, 200, 299));
        Assert.Equal([(100, A), (200, B), (300, C), (1048577, A)], Rows(table));
        table.AddRouter(B, 200, 299);
        Assert.Equal([(100, A), (300, B), (1048577, A)], Rows(table));
    }

    [Fact]
    public void A_range_may_take_over_the_tail()
    {
        Assert.Equal([(500000, A), (1048577, B)], Rows(Build((A, 0, 1 << 20), (B, 500000, 1 << 20))));
        Assert.Equal([(1000, A), (2000001, B)], Rows(Build((A, 0, 1 << 20), (B, 1000, 2000000))));
    }

    [Fact]
    public void A_floor_above_the_last_router_is_refused()
    {
        var table = Build((A, 0, 1 << 20));
        var error = Assert.Throws<InvalidOperationException>(() => table.AddRouter(B, 2000000, 3000000));
        Assert.Contains("[1048577, 2000000) have no node", error.Message);
        Assert.Equal([(1048577, A)], Rows(table));
    }

    [Fact]
    public void Invalid_ranges_are_refused()
    {
        var table = new CacheRouterTable();
        Assert.Throws<ArgumentOutOfRangeException>(() => table.AddRouter(A, -1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.AddRouter(A, 10, 9));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.AddRouter(A, 0, int.MaxValue));
    }

    [Fact]
    public void A_stored_table_loads_sorted_and_rejects_duplicate_scores()
    {
        var table = new CacheRouterTable([new CacheRouter(1048577, A), new CacheRouter(100, B)]);
        Assert.Equal([(100, B), (1048577, A)], Rows(table));
        Assert.Throws<ArgumentException>(() => new CacheRouterTable([new CacheRouter(100, A), new CacheRouter(100, B)]));
    }

    [Fact]
    public void The_default_node_is_the_lowest_id_default_of_the_cluster()
    {
        CacheNode[] nodes =
        [
            new() { Id = 7, Host = "r1", Port = 6379, IsDefault = true },
            new() { Id = 3, Host = "r2", Port = 6379, IsDefault = true },
            new() { Id = 1, Host = "r3", Port = 6379, IsDefault = true, ClusterName = "other" },
            new() { Id = 2, Host = "r4", Port = 6379 },
        ];
        Assert.Equal(3, CacheNode.DefaultOf(nodes, "default")!.Id);
        Assert.Null(CacheNode.DefaultOf(nodes, "none"));
    }

    [Fact]
    public void A_sentinel_node_needs_a_master_name()
    {
        var node = new CacheNode { Id = 1, Host = "sentinel", Port = 26379, CacheType = CacheNodeType.SentinelRedisCache };
        Assert.Equal(["connection_kwargs.master_name"], node.Validate().Keys);
        var named = node with { ConnectionKwargs = new Dictionary<string, string> { ["master_name"] = "mymaster" } };
        Assert.Empty(named.Validate());
        Assert.Equal("[]SentinelRedisCache-sentinel:26379-mymaster", named.ToString());
    }

    [Fact]
    public void Cache_nodes_serialise_with_bk_monitor_field_names()
    {
        var node = new CacheNode { Id = 4, Host = "redis", Port = 6379, CacheType = CacheNodeType.SentinelRedisCache, IsDefault = true };
        var json = System.Text.Json.JsonSerializer.Serialize(node);
        Assert.Contains("\"cache_type\":\"SentinelRedisCache\"", json);
        Assert.Contains("\"is_default\":true", json);
        Assert.Equal(node.CacheType, System.Text.Json.JsonSerializer.Deserialize<CacheNode>(json)!.CacheType);
    }
}
