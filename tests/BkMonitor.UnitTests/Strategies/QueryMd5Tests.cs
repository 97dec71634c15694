using System.Text.Json;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Strategies;

namespace BkMonitor.UnitTests.Strategies;

// Expected hashes computed in CPython with bk-monitor's StrategyCacheManager.get_query_md5 (after its
// handle_special_query_config step) and count_md5.
public sealed class QueryMd5Tests
{
    private static QueryConfig CpuUsage() => new()
    {
        DataSourceLabel = "bk_monitor",
        DataTypeLabel = "time_series",
        MetricId = "bk_monitor.system.cpu_summary.usage",
        ResultTableId = "system.cpu_summary",
        MetricField = "usage",
        AggMethod = "AVG",
        AggInterval = 60,
        AggDimension = ["bk_target_ip", "bk_target_cloud_id"],
        Unit = "percent",
        Alias = "a",
    };

    private static StrategyItem Item(params QueryConfig[] queries) => new() { QueryConfigs = queries };

    [Fact]
    public void Single_query_hashes_its_params()
    {
        Assert.Equal("8b87dadbc75a5f26031cf208f733d8fd", StrategyDerivations.QueryMd5(2, Item(CpuUsage())));
    }

    [Fact]
    public void Unit_alias_and_metric_id_do_not_change_the_group()
    {
        var other = CpuUsage() with { Unit = "none", Alias = "b", MetricId = "x" };

        Assert.Equal("8b87dadbc75a5f26031cf208f733d8fd", StrategyDerivations.QueryMd5(2, Item(other)));
    }

    [Fact]
    public void Business_is_part_of_the_group()
    {
        Assert.NotEqual(StrategyDerivations.QueryMd5(2, Item(CpuUsage())), StrategyDerivations.QueryMd5(3, Item(CpuUsage())));
    }

    [Fact]
    public void Agg_conditions_are_hashed_with_their_connectors()
    {
        var query = CpuUsage() with
        {
            AggCondition =
            [
                new AggCondition { Key = "device", Method = "eq", Value = ["eth0"] },
                new AggCondition { Key = "device", Method = "reg", Value = ["^lo"], Condition = "or" },
            ],
        };

        Assert.Equal("6663249328cb061baa2cf157630a5877", StrategyDerivations.QueryMd5(2, Item(query)));
    }

    [Fact]
    public void Advanced_conditions_outside_unify_query_group_as_unfiltered()
    {
        var filtered = CpuUsage() with
        {
            DataSourceLabel = "bk_data",
            AggCondition = [new AggCondition { Key = "device", Method = "reg", Value = ["^lo"] }],
        };
        var unfiltered = CpuUsage() with { DataSourceLabel = "bk_data" };

        Assert.Equal("fc6ed3431f715c1752b2a34f4c2139b9", StrategyDerivations.QueryMd5(2, Item(filtered)));
        Assert.Equal("fc6ed3431f715c1752b2a34f4c2139b9", StrategyDerivations.QueryMd5(2, Item(unfiltered)));
    }

    [Fact]
    public void Ip_target_hashes_like_explicit_target_dimensions()
    {
        var item = Item(CpuUsage() with { AggDimension = [] }) with
        {
            Target = [[new TargetCondition { Field = "ip", Value = [] }]],
        };

        Assert.Equal("8b87dadbc75a5f26031cf208f733d8fd", StrategyDerivations.QueryMd5(2, item));
    }

    [Fact]
    public void Several_queries_hash_with_the_expression()
    {
        var item = Item(CpuUsage(), CpuUsage() with { MetricField = "idle", Alias = "b" }) with { Expression = "a+b" };

        Assert.Equal("f16cea71b1b27e82d8465dc9f5c7d556", StrategyDerivations.QueryMd5(2, item));
    }

    [Theory]
    [InlineData(" a ", "8b87dadbc75a5f26031cf208f733d8fd")]
    [InlineData("a*2", "154ff46a2fbe60a567302d72c4958b72")]
    public void A_one_letter_expression_hashes_like_none(string expression, string expected)
    {
        Assert.Equal(expected, StrategyDerivations.QueryMd5(2, Item(CpuUsage()) with { Expression = expression }));
    }

    [Fact]
    public void Promql_and_functions_enter_the_hash()
    {
        var promql = new QueryConfig
        {
            DataSourceLabel = "prometheus",
            DataTypeLabel = "time_series",
            Promql = "sum(rate(http_requests_total[1m]))",
            AggInterval = 60,
        };
        var functions = CpuUsage() with
        {
            Functions = [JsonDocument.Parse("""{"id": "rate", "params": [{"id": "window", "value": "2m"}]}""").RootElement],
        };

        Assert.Equal("bf3b5a3ba4997f625b6ed7661e6b3484", StrategyDerivations.QueryMd5(2, Item(promql)));
        Assert.Equal("64229f86ae45ec26297f096775b6fce4", StrategyDerivations.QueryMd5(2, Item(functions)));
    }

    [Theory]
    [InlineData("bk_monitor", "event")]
    [InlineData("bk_monitor", "alert")]
    [InlineData("bk_fta", "alert")]
    public void Data_that_is_not_pulled_has_no_query_md5(string source, string type)
    {
        var query = new QueryConfig { DataSourceLabel = source, DataTypeLabel = type };

        Assert.Equal("", StrategyDerivations.QueryMd5(2, Item(query)));
    }

    [Fact]
    public void Custom_events_are_grouped()
    {
        var query = new QueryConfig { DataSourceLabel = "custom", DataTypeLabel = "event", AggInterval = 60, CustomEventName = "login" };

        Assert.Matches("^[0-9a-f]{32}$", StrategyDerivations.QueryMd5(2, Item(query)));
    }
}
