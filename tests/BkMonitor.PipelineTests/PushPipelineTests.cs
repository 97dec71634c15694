using BkMonitor.Grains.Hashing;
using BkMonitor.PipelineTests.Hosting;
using static BkMonitor.PipelineTests.Hosting.PipelineHost;

namespace BkMonitor.PipelineTests;

/// <summary>REST → push → access → detect → trigger → alert_event, on the data's own timestamps.</summary>
public sealed class PushPipelineTests(PipelineHost host) : IClassFixture<PipelineHost>
{
    private static string Md5(string host) => CountMd5.Of(new Dictionary<string, string> { ["host"] = host });

    private static string AnomalyId(string host, long time, long strategyId, int level) => $"{Md5(host)}.{time}.{strategyId}.1.{level}";

    [Fact]
    public async Task Threshold_three_of_five_emits_exactly_where_the_window_fills()
    {
        var (dataId, token, table) = await host.CreateDataSourceAsync();
        var strategy = await host.CreateStrategyAsync(StrategyBodies.Threshold(table));
        var id = strategy["id"]!.GetValue<long>();

        double[] cpu = [95, 50, 95, 95, 50, 95];
        for (var i = 0; i < cpu.Length; i++) await host.PushAsync(dataId, token, ("h1", T0 + i * 60, cpu[i]));
        var events = await host.Events.WaitForAsync(id, 2);

        // Anomalies at periods 0, 2, 3, 5; the window [t-299, t] first holds three at period 3, then at 5 — and
        // nothing before: streams are ordered per strategy, so the earlier points were done when these arrived.
        Assert.Equal([T0 + 180, T0 + 300], events.Select(e => e.Time));
        var first = events[0];
        Assert.Equal((1, "ABNORMAL", "cpu high", 2L), (first.Severity, first.Status, first.AlertName, first.BkBizId));
        Assert.Equal(AnomalyId("h1", T0 + 180, id, 1), first.EventId);
        Assert.Equal([AnomalyId("h1", T0, id, 1), AnomalyId("h1", T0 + 120, id, 1), AnomalyId("h1", T0 + 180, id, 1)], first.Extra.AnomalyIds);
        Assert.Equal((T0, 95d), (first.AnomalyTime, first.Extra.CurrentValue!.Value));
        Assert.Equal([AnomalyId("h1", T0 + 120, id, 1), AnomalyId("h1", T0 + 180, id, 1), AnomalyId("h1", T0 + 300, id, 1)], events[1].Extra.AnomalyIds);
        Assert.Equal("host", Assert.Single(first.Tags).Key);
        // Keyed by the strategy id and the alert dedupe md5: count_md5([strategy_id, target_type, target, bk_biz_id, tags.host]).
        Assert.Equal($"{id}.{CountMd5.Of(new object?[] { id, "", null, 2L, "h1" })}", host.Events.KeysOf(id)[0]);
    }

    [Fact]
    public async Task A_backfill_in_one_report_is_evaluated_at_once()
    {
        var (dataId, token, table) = await host.CreateDataSourceAsync();
        var id = (await host.CreateStrategyAsync(StrategyBodies.Threshold(table)))["id"]!.GetValue<long>();

        var accepted = await host.PushAsync(dataId, token,
            ("h1", T0, 95), ("h1", T0 + 60, 50), ("h1", T0 + 120, 95), ("h1", T0 + 180, 95), ("h1", T0 + 240, 50), ("h1", T0 + 300, 95));
        Assert.Equal((6, 1), (accepted["accepted"]!.GetValue<int>(), accepted["strategies"]!.GetValue<int>()));

        var events = await host.Events.WaitForAsync(id, 2);
        Assert.Equal([T0 + 180, T0 + 300], events.Select(e => e.Time));
    }

    [Fact]
    public async Task Only_the_series_whose_window_fills_emits()
    {
        var (dataId, token, table) = await host.CreateDataSourceAsync();
        var id = (await host.CreateStrategyAsync(StrategyBodies.Threshold(table, count: 2, window: 3)))["id"]!.GetValue<long>();

        await host.PushAsync(dataId, token, ("quiet", T0, 99), ("loud", T0, 99));
        await host.PushAsync(dataId, token, ("quiet", T0 + 60, 10), ("loud", T0 + 60, 99));
        var events = await host.Events.WaitForAsync(id, 1);

        var only = Assert.Single(events);
        Assert.Equal(("loud", T0 + 60), (only.Dimensions["host"], only.Time));
        Assert.Equal([AnomalyId("loud", T0, id, 1), AnomalyId("loud", T0 + 60, id, 1)], only.Extra.AnomalyIds);
    }

    [Fact]
    public async Task Ring_ratio_compares_with_the_previous_bucket_and_averages_within_a_bucket()
    {
        var (dataId, token, table) = await host.CreateDataSourceAsync();
        var id = (await host.CreateStrategyAsync(StrategyBodies.RingRatio(table)))["id"]!.GetValue<long>();

        // Bucket T0 averages to 10; bucket T0+60 holds 14 then (14+18)/2 = 16 >= 10 * 1.5.
        await host.PushAsync(dataId, token, ("h1", T0, 8), ("h1", T0 + 30, 12));
        await host.PushAsync(dataId, token, ("h1", T0 + 60, 14));
        await host.PushAsync(dataId, token, ("h1", T0 + 90, 18));
        var events = await host.Events.WaitForAsync(id, 1);

        var jump = Assert.Single(events);
        Assert.Equal((2, T0 + 60, 16d), (jump.Severity, jump.Time, jump.Extra.CurrentValue!.Value));
        Assert.Equal(AnomalyId("h1", T0 + 60, id, 2), jump.EventId);
    }

    [Fact]
    public async Task A_replaced_strategy_takes_effect_for_the_next_push()
    {
        var (dataId, token, table) = await host.CreateDataSourceAsync();
        var id = (await host.CreateStrategyAsync(StrategyBodies.Threshold(table, threshold: 90, count: 1, window: 1)))["id"]!.GetValue<long>();
        await host.PushAsync(dataId, token, ("h1", T0, 85));

        using var replaced = await host.Http.PutAsync($"/api/v1/strategies/{id}", JsonContent(StrategyBodies.Threshold(table, threshold: 80, count: 1, window: 1)));
        await ReadJsonAsync(replaced, 200);
        await host.PushAsync(dataId, token, ("h1", T0 + 60, 85));

        var events = await host.Events.WaitForAsync(id, 1);
        Assert.Equal(T0 + 60, Assert.Single(events).Time);
    }

    [Fact]
    public async Task A_deleted_strategy_gets_no_more_data()
    {
        var (dataId, token, table) = await host.CreateDataSourceAsync();
        var id = (await host.CreateStrategyAsync(StrategyBodies.Threshold(table, count: 1, window: 1)))["id"]!.GetValue<long>();
        using var deleted = await host.Http.DeleteAsync($"/api/v1/strategies/{id}");
        Assert.Equal(204, (int)deleted.StatusCode);

        var accepted = await host.PushAsync(dataId, token, ("h1", T0, 99));
        Assert.Equal(0, accepted["strategies"]!.GetValue<int>());
    }
}
