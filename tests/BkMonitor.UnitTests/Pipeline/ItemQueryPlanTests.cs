using BkMonitor.Grains.Access;
using BkMonitor.Grains.Hashing;
using BkMonitor.Grains.TimeSeries;
using static BkMonitor.UnitTests.Pipeline.PipelineStrategies;

namespace BkMonitor.UnitTests.Pipeline;

public sealed class ItemQueryPlanTests
{
    [Fact]
    public void Custom_time_series_item_reads_the_builtin_store_grouped_by_its_dimensions()
    {
        var plan = ItemQueryPlan.Create(Threshold().Items[0]);
        Assert.Equal(ItemSourceKind.BuiltIn, plan.Kind);
        var query = plan.QueryCovering(T0 + 5, T0 + 130);
        Assert.Equal((Table, "cpu", AggMethod.Avg, 60), (query.ResultTable, query.Metric, query.AggMethod, query.AggIntervalSeconds));
        Assert.Equal((T0, T0 + 180), (query.From, query.Until));
        Assert.Equal(["host"], query.GroupBy);
    }

    [Fact]
    public void Agg_condition_filters_raw_series_before_aggregation()
    {
        var store = new TimeSeriesStore(TimeSpan.FromDays(1));
        store.Append(Table, "cpu", Series(("host", "h1"), ("disk", "a")), T0, 10, T0);
        store.Append(Table, "cpu", Series(("host", "h1"), ("disk", "b")), T0, 30, T0);
        var plan = ItemQueryPlan.Create(Threshold(extraCondition: """{"key": "disk", "method": "eq", "value": ["b"]}""").Items[0]);
        var buckets = store.Query(plan.Query(T0, T0 + 60));
        Assert.Equal(30, Assert.Single(buckets).Value);
    }

    [Fact]
    public void Series_md5_is_the_record_id_prefix_access_gives_the_series()
    {
        var plan = ItemQueryPlan.Create(Threshold().Items[0]);
        Assert.Equal(Md5("h1"), plan.SeriesMd5(new Dictionary<string, string> { ["host"] = "h1", ["other"] = "x" }));
        // A group-by field the series lacks is None, as in access: count_md5({"host": None}).
        Assert.Equal(CountMd5.Of(new Dictionary<string, object?> { ["host"] = null }), plan.SeriesMd5(new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("\"data_source_label\": \"custom\", \"data_type_label\": \"event\"", "data_type_label 'event'")]
    [InlineData("\"data_source_label\": \"custom\", \"data_type_label\": \"time_series\", \"agg_method\": \"cp90\"", "agg_method 'cp90'")]
    public void Items_the_pipeline_cannot_read_are_unsupported_with_the_reason(string labels, string reason)
    {
        var strategy = Parse($$$"""
            {"bk_biz_id": 2, "name": "x", "scenario": "os",
             "items": [{"id": 3, "name": "x",
                        "algorithms": [{"type": "Threshold", "level": 1, "config": [[{"threshold": 1, "method": "gt"}]]}],
                        "query_configs": [{ {{{labels}}}, "result_table_id": "t", "metric_field": "m", "agg_interval": 60{{{(labels.Contains("agg_method") ? "" : ", \"agg_method\": \"avg\"")}}} }]}],
             "detects": [{"level": 1, "trigger_config": {"count": 1, "check_window": 1}, "recovery_config": {"check_window": 1}}]}
            """);
        var plan = ItemQueryPlan.Create(strategy.Items[0]);
        Assert.Equal(ItemSourceKind.Unsupported, plan.Kind);
        Assert.Contains(reason, plan.UnsupportedReason);
    }

    [Fact]
    public void Prometheus_item_carries_its_promql()
    {
        var strategy = Parse("""
            {"bk_biz_id": 2, "name": "x", "scenario": "kubernetes",
             "items": [{"id": 3, "name": "x",
                        "algorithms": [{"type": "Threshold", "level": 1, "config": [[{"threshold": 1, "method": "gt"}]]}],
                        "query_configs": [{"data_source_label": "prometheus", "data_type_label": "time_series",
                                           "promql": "avg_over_time(up[1m])", "agg_interval": 60, "agg_dimension": ["job"]}]}],
             "detects": [{"level": 1, "trigger_config": {"count": 1, "check_window": 1}, "recovery_config": {"check_window": 1}}]}
            """);
        var plan = ItemQueryPlan.Create(strategy.Items[0]);
        Assert.Equal(ItemSourceKind.Prometheus, plan.Kind);
        Assert.Equal("avg_over_time(up[1m])", plan.Query(0, 60).PromQl);
    }

    internal static SeriesKey Series(params (string Key, string Value)[] pairs) =>
        new(pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));
}
