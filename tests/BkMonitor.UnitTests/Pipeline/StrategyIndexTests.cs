using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Access;
using BkMonitor.Grains.Strategies;

namespace BkMonitor.UnitTests.Pipeline;

public sealed class StrategyIndexTests
{
    private static StrategySummary Summary(long id, long biz) => new() { Id = id, BkBizId = biz, Name = $"s{id}" };

    [Fact]
    public void Pages_by_business_in_id_order_with_the_total()
    {
        var index = new StrategyIndex([Summary(5, 2), Summary(1, 2), Summary(3, 9), Summary(4, 2), Summary(2, 2)]);
        AssertPage([1, 2], 4, index.Page(2, 1, 2));
        AssertPage([4, 5], 4, index.Page(2, 2, 2));
        AssertPage([], 4, index.Page(2, 3, 2));
        AssertPage([3], 1, index.Page(9, 1, 50));
        AssertPage([1, 2, 3, 4, 5], 5, index.Page(null, 1, 50));
        AssertPage([], 0, index.Page(77, 1, 50));
    }

    private static void AssertPage(long[] ids, int total, StrategyIdPage page)
    {
        Assert.Equal(ids, page.Ids);
        Assert.Equal(total, page.Total);
    }

    [Fact]
    public void Moving_a_strategy_to_another_business_moves_it_in_the_index()
    {
        var index = new StrategyIndex([Summary(1, 2)]);
        index.Upsert(Summary(1, 3));
        Assert.Equal(0, index.Page(2, 1, 10).Total);
        Assert.Equal([1L], index.Page(3, 1, 10).Ids);
        Assert.True(index.Remove(1));
        Assert.False(index.Remove(1));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void Page_numbers_start_at_one()
    {
        var index = new StrategyIndex([]);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Page(null, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Page(null, 1, 0));
    }

    [Fact]
    public void Route_table_tells_each_strategy_only_its_own_metrics()
    {
        var routes = new RouteTable(new Dictionary<long, List<string>> { [1] = ["cpu", "mem"], [2] = ["cpu"] });
        routes.Set(3, ["disk"]);
        var readers = routes.ReadersOf(["cpu", "disk", "net"]);
        Assert.Equal(["cpu"], readers[1]);
        Assert.Equal(["cpu"], readers[2]);
        Assert.Equal(["disk"], readers[3]);

        routes.Set(1, []);
        Assert.Equal([2L, 3L], routes.Readers);
        Assert.False(routes.ReadersOf(["mem"]).ContainsKey(1));
        Assert.Equal(new Dictionary<long, List<string>> { [2] = ["cpu"], [3] = ["disk"] }, routes.ToState());
    }
}
