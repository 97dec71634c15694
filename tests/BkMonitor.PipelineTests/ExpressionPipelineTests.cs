using BkMonitor.PipelineTests.Hosting;
using static BkMonitor.PipelineTests.Hosting.PipelineHost;

namespace BkMonitor.PipelineTests;

/// <summary>
/// An item with two query configs and expression <c>a+b</c>: a = avg(cpu) of one custom table, b = avg(cpu) of
/// another. REST → push (or pull) → access evaluates the expression per (host, bucket) → detect → alert_event.
/// </summary>
public sealed class ExpressionPipelineTests(PipelineHost host) : IClassFixture<PipelineHost>
{
    private static string SumOfTwoTables(string a, string b, double threshold = 100) => $$$"""
        {
          "bk_biz_id": 2, "name": "a plus b", "scenario": "os",
          "items": [{
            "name": "a+b", "expression": "a+b", "no_data_config": {"is_enabled": false},
            "algorithms": [{"type": "Threshold", "level": 1, "config": [[{"threshold": {{{threshold}}}, "method": "gte"}]]}],
            "query_configs": [
              {"data_source_label": "custom", "data_type_label": "time_series", "alias": "a",
               "result_table_id": "{{{a}}}", "metric_field": "cpu", "agg_method": "avg", "agg_interval": 60, "agg_dimension": ["host"]},
              {"data_source_label": "custom", "data_type_label": "time_series", "alias": "b",
               "result_table_id": "{{{b}}}", "metric_field": "cpu", "agg_method": "avg", "agg_interval": 60, "agg_dimension": ["host"]}
            ]
          }],
          "detects": [{"level": 1, "trigger_config": {"count": 1, "check_window": 1}, "recovery_config": {"check_window": 5}}]
        }
        """;

    [Fact]
    public async Task Pushed_points_of_both_tables_are_added_per_bucket_and_only_sums_over_the_threshold_emit()
    {
        var a = await host.CreateDataSourceAsync();
        var b = await host.CreateDataSourceAsync();
        var id = (await host.CreateStrategyAsync(SumOfTwoTables(a.Table, b.Table)))["id"]!.GetValue<long>();

        // a alone is over the threshold, but b has no bucket yet: nothing is evaluated.
        var first = await host.PushAsync(a.DataId, a.Token, ("h1", T0, 120));
        Assert.Equal(1, first["strategies"]!.GetValue<int>());
        // b's table reaches the strategy too; now the bucket is 120 + (-10).
        var second = await host.PushAsync(b.DataId, b.Token, ("h1", T0 + 5, -10));
        Assert.Equal(1, second["strategies"]!.GetValue<int>());
        // 30 + 40 stays under the threshold; 50 + 55 crosses it.
        await host.PushAsync(a.DataId, a.Token, ("h1", T0 + 60, 30));
        await host.PushAsync(b.DataId, b.Token, ("h1", T0 + 60, 40));
        await host.PushAsync(a.DataId, a.Token, ("h1", T0 + 120, 50));
        await host.PushAsync(b.DataId, b.Token, ("h1", T0 + 120, 55));

        var events = await host.Events.WaitForAsync(id, 2);
        // Streams are ordered per strategy: T0+60 was evaluated (and did not emit) before T0+120's event.
        Assert.Equal([(T0, 110d), (T0 + 120, 105d)], events.Select(e => (e.Time, e.Extra.CurrentValue!.Value)));
        Assert.All(events, e => Assert.Equal("h1", e.Dimensions["host"]));
    }

    [Fact]
    public async Task An_expression_naming_no_query_config_is_400_on_the_expression_field()
    {
        var body = SumOfTwoTables("t1", "t2").Replace("\"expression\": \"a+b\"", "\"expression\": \"a+c\"", StringComparison.Ordinal);
        using var response = await host.Http.PostAsync("/api/v1/strategies", JsonContent(body));

        var errors = (await StrategiesApiTests.AssertProblemAsync(response, 400))["errors"]!;
        Assert.Equal("unknown alias 'c' (the query configs' aliases: a, b)", errors["items[0].expression"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task The_access_reminder_evaluates_the_expression_over_data_pulled_from_both_tables()
    {
        var a = await host.CreateDataSourceAsync();
        var b = await host.CreateDataSourceAsync();
        await host.PushAsync(a.DataId, a.Token, ("h1", T0, 60), ("h1", T0 + 60, 10), ("h2", T0, 500));
        await host.PushAsync(b.DataId, b.Token, ("h1", T0, 45), ("h1", T0 + 60, 20));
        var id = (await host.CreateStrategyAsync(SumOfTwoTables(a.Table, b.Table)))["id"]!.GetValue<long>();

        host.Clock.Advance(TimeSpan.FromSeconds(60)); // one interval: the reminder runs access

        // h1: 105 at T0 emits, 30 at T0+60 does not; h2 has no b, so no value.
        var only = Assert.Single(await host.Events.WaitForAsync(id, 1));
        Assert.Equal(("h1", T0, 105d), (only.Dimensions["host"], only.Time, only.Extra.CurrentValue!.Value));
    }
}
