using BkMonitor.GrainInterfaces.Access;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Access;
using BkMonitor.Grains.TimeSeries;
using static BkMonitor.UnitTests.Pipeline.ItemQueryPlanTests;
using static BkMonitor.UnitTests.Pipeline.PipelineStrategies;

namespace BkMonitor.UnitTests.Pipeline;

public sealed class ExpressionQueryPlanTests
{
    internal const string Other = "2_bkmonitor_time_series_1500001.__default__";

    private readonly TimeSeriesStore _store = new(TimeSpan.FromDays(1));

    /// <summary>Item 1: <paramref name="expression"/> over a = avg(cpu) of <see cref="Table"/>, b = sum(mem) of <see cref="Other"/>.</summary>
    internal static StrategyItem Item(string expression = "a+b", string bCondition = "", string bDimensions = "\"host\"") => Parse($$$"""
        {
          "id": 7, "bk_biz_id": 2, "name": "cpu+mem", "scenario": "os",
          "items": [{
            "id": 1, "name": "sum", "expression": "{{{expression}}}",
            "algorithms": [{"type": "Threshold", "level": 1, "config": [[{"threshold": 100, "method": "gte"}]]}],
            "query_configs": [
              {"data_source_label": "custom", "data_type_label": "time_series", "alias": "a",
               "result_table_id": "{{{Table}}}", "metric_field": "cpu", "agg_method": "avg", "agg_interval": 60,
               "agg_dimension": ["host"]},
              {"data_source_label": "custom", "data_type_label": "time_series", "alias": "b",
               "result_table_id": "{{{Other}}}", "metric_field": "mem", "agg_method": "sum", "agg_interval": 60,
               "agg_dimension": [{{{bDimensions}}}], "agg_condition": [{{{bCondition}}}]}
            ]
          }],
          "detects": [{"level": 1, "trigger_config": {"count": 1, "check_window": 1}, "recovery_config": {"check_window": 1}}]
        }
        """).Items[0];

    private void Cpu(string host, long time, double value) => _store.Append(Table, "cpu", Series(("host", host)), time, value, time);

    private void Mem(string host, long time, double value, string disk = "x") =>
        _store.Append(Other, "mem", Series(("host", host), ("disk", disk)), time, value, time);

    private static ItemQueryPlan Plan(StrategyItem item)
    {
        var plan = ItemQueryPlan.Create(item);
        Assert.True(plan.Kind == ItemSourceKind.BuiltIn, plan.UnsupportedReason);
        return plan;
    }

    [Fact]
    public void Each_alias_is_its_own_query_and_the_expression_combines_one_group_and_time()
    {
        Cpu("h1", T0, 30);
        Cpu("h1", T0 + 30, 50); // avg 40
        Mem("h1", T0, 25, "x");
        Mem("h1", T0 + 10, 35, "y"); // sum over disks 60
        Cpu("h2", T0, 1);
        Mem("h2", T0, 2);

        var buckets = Plan(Item()).Query(_store, T0, T0 + 60);

        Assert.Equal([("h1", 100d), ("h2", 3d)], buckets.Select(b => (b.Dimensions["host"], b.Value)));
        Assert.All(buckets, b => Assert.Equal(T0, b.Time));
    }

    [Fact]
    public void A_bucket_one_alias_lacks_gives_no_value()
    {
        Cpu("h1", T0, 30);
        Mem("h1", T0, 70);
        Cpu("h1", T0 + 60, 30); // b has no bucket at T0+60
        Mem("h2", T0, 5); // a has no series h2

        var buckets = Plan(Item()).Query(_store, T0, T0 + 120);

        var only = Assert.Single(buckets);
        Assert.Equal(("h1", T0, 100d), (only.Dimensions["host"], only.Time, only.Value));
    }

    [Fact]
    public void Division_by_zero_gives_no_value()
    {
        Cpu("h1", T0, 30);
        Mem("h1", T0, 0);
        Cpu("h2", T0, 30);
        Mem("h2", T0, 60);

        var buckets = Plan(Item("a/b*100")).Query(_store, T0, T0 + 60);

        Assert.Equal([("h2", 50d)], buckets.Select(b => (b.Dimensions["host"], b.Value)));
    }

    [Fact]
    public void Each_alias_applies_its_own_agg_condition()
    {
        Cpu("h1", T0, 10);
        Mem("h1", T0, 5, "x");
        Mem("h1", T0, 7, "y");

        var buckets = Plan(Item(bCondition: """{"key": "disk", "method": "eq", "value": ["y"]}""")).Query(_store, T0, T0 + 60);

        Assert.Equal(17, Assert.Single(buckets).Value);
    }

    [Fact]
    public void Aliases_grouped_by_different_dimensions_never_meet_as_in_promql_one_to_one_matching()
    {
        Cpu("h1", T0, 10);
        Mem("h1", T0, 5);

        Assert.Empty(Plan(Item(bDimensions: "\"host\", \"disk\"")).Query(_store, T0, T0 + 60));
    }

    [Fact]
    public async Task Pull_through_a_source_gives_the_same_buckets_as_the_store_path()
    {
        Cpu("h1", T0, 30);
        Mem("h1", T0, 70);
        var plan = Plan(Item());

        var pulled = await plan.QueryAsync(_store, T0, T0 + 60, CancellationToken.None);
        var pushed = plan.QueryGroupsCovering(_store, T0 + 1, T0 + 1);

        Assert.Equal(100, Assert.Single(pulled).Value);
        Assert.Equal((T0, 100d), (Assert.Single(pushed).Time, pushed[0].Value));
        Assert.Equal(pulled[0].Dimensions, pushed[0].Group.ToDictionary());
    }

    [Fact]
    public void The_item_is_reached_from_every_table_and_metric_the_expression_reads()
    {
        Assert.Equal([(Table, "cpu"), (Other, "mem")], Plan(Item()).Inputs);
        Assert.Equal([(Other, "mem")], Plan(Item("b*2")).Inputs); // a is not used: not read
    }

    [Fact]
    public void A_push_touching_several_inputs_is_one_range_over_their_times()
    {
        var plan = Plan(Item("a*b+a"));
        PushNotice Notice(string table, params PushedMetric[] metrics) => new() { ResultTableId = table, Metrics = metrics };

        Assert.Equal((T0, T0 + 60), plan.PushedRange(Notice(Other, new("other", 0, 1), new("mem", T0, T0 + 60))));
        Assert.Null(plan.PushedRange(Notice(Other, new PushedMetric("cpu", T0, T0))));
        Assert.Null(plan.PushedRange(Notice("elsewhere", new PushedMetric("mem", T0, T0))));
        var sameTable = Plan(Item() with { QueryConfigs = [Item().QueryConfigs[0], Item().QueryConfigs[0] with { Alias = "b", MetricField = "mem" }] });
        Assert.Equal((T0 - 60, T0 + 120), sameTable.PushedRange(Notice(Table, new("cpu", T0, T0 + 120), new("mem", T0 - 60, T0))));
    }

    [Fact]
    public void A_single_query_with_a_real_expression_is_evaluated_too()
    {
        Cpu("h1", T0, 0.5);
        var item = Parse($$$"""
            {"bk_biz_id": 2, "name": "x", "scenario": "os",
             "items": [{"id": 1, "name": "x", "expression": "a*100",
                        "algorithms": [{"type": "Threshold", "level": 1, "config": [[{"threshold": 1, "method": "gt"}]]}],
                        "query_configs": [{"data_source_label": "custom", "data_type_label": "time_series", "alias": "a",
                                           "result_table_id": "{{{Table}}}", "metric_field": "cpu", "agg_method": "avg",
                                           "agg_interval": 60, "agg_dimension": ["host"]}]}],
             "detects": [{"level": 1, "trigger_config": {"count": 1, "check_window": 1}, "recovery_config": {"check_window": 1}}]}
            """).Items[0];

        Assert.Equal(50, Assert.Single(Plan(item).Query(_store, T0, T0 + 60)).Value);
    }

    [Fact]
    public void Prometheus_items_stay_single_query()
    {
        var item = Item();
        var prometheus = item.QueryConfigs[0] with { DataSourceLabel = "prometheus", Promql = "up" };
        item = item with { QueryConfigs = [prometheus, prometheus with { Alias = "b" }] };

        var plan = ItemQueryPlan.Create(item);

        Assert.Equal(ItemSourceKind.Unsupported, plan.Kind);
        Assert.Contains("a prometheus item is read from its one promql", plan.UnsupportedReason);
    }

    [Fact]
    public void An_alias_outside_the_builtin_store_makes_the_item_unsupported()
    {
        var item = Item();
        item = item with { QueryConfigs = [item.QueryConfigs[0], item.QueryConfigs[1] with { DataTypeLabel = "event" }] };

        var plan = ItemQueryPlan.Create(item);

        Assert.Equal(ItemSourceKind.Unsupported, plan.Kind);
        Assert.Contains("alias 'b'", plan.UnsupportedReason);
    }
}
