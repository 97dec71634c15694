using System.Globalization;
using System.Text.Json.Nodes;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Hashing;
using BkMonitor.Runtime;
using static BkMonitor.PipelineTests.Hosting.PipelineHost;

namespace BkMonitor.PipelineTests.Alerts;

/// <summary>
/// The strategy's nodata reminder, moved by the fake clock: push → nodata check → trigger → alert → webhook. Each
/// pushed point carries the current time, later than the period the tick due at that time checks, so the outcome
/// does not depend on whether a tick ran before or after the push; a late tick checks every minute it stands for.
/// </summary>
public sealed class NoDataPipelineTests(AlarmHost host) : IClassFixture<AlarmHost>
{
    private const string WholeItemMd5 = "3e06a0b6d0560271cafee9f08a6da2d7";

    private static string NoDataMd5(string hostName) =>
        CountMd5.Of(new Dictionary<string, object?> { ["host"] = hostName, ["__NO_DATA_DIMENSION__"] = true });

    /// <summary>Nodata on the host dimension, and the webhook action also on the no_data signal.</summary>
    private static Action<JsonObject> NoData(int continuous, int level) => strategy =>
    {
        strategy["items"]![0]!["no_data_config"] = new JsonObject
        {
            ["is_enabled"] = true, ["continuous"] = continuous, ["level"] = level, ["agg_dimension"] = new JsonArray("host"),
        };
        strategy["actions"]![0]!["signal"]!.AsArray().Add("no_data");
    };

    [Fact]
    public async Task A_dimension_set_that_stops_reporting_gets_one_nodata_alert_and_the_one_still_reporting_none()
    {
        var n = AlignClock();
        var setup = await host.SetUpAsync(configure: NoData(continuous: 2, level: 2));
        await host.PushAsync(setup, "h1", n, 10);
        await host.PushAsync(setup, "h2", n, 10);
        await AdvanceAndPushAsync(setup, "h1", "h2");
        // From here only h1 reports: h2 is missing at the checks of n+120 and n+180, the second fills 2-of-2.
        for (var i = 0; i < 3; i++) await AdvanceAndPushAsync(setup, "h1");

        var nodata = Assert.Single(await host.Events.WaitForAsync(setup.StrategyId, 1));
        Assert.Equal(("[无数据] cpu high", 2, n + 180, "ABNORMAL"), (nodata.AlertName, nodata.Severity, nodata.Time, nodata.Status));
        Assert.Equal(new Dictionary<string, string> { ["host"] = "h2", ["__NO_DATA_DIMENSION__"] = "True" }, nodata.Dimensions);
        Assert.Equal("当前指标(cpu usage)已经有2个周期无数据上报", nodata.Description);
        Assert.Equal($"{NoDataMd5("h2")}.{n + 180}.{setup.StrategyId}.1.2", nodata.EventId);
        Assert.Equal([$"{NoDataMd5("h2")}.{n + 120}.{setup.StrategyId}.1.2", nodata.EventId], nodata.Extra.AnomalyIds);

        var alert = await WaitForAlertAsync(setup);
        Assert.Equal(("[无数据] cpu high", 2, "ABNORMAL"), (alert["alert_name"]!.GetValue<string>(), alert["severity"]!.GetValue<int>(), alert["status"]!.GetValue<string>()));
        var strategy = host.Cluster.GrainFactory.GetGrain<IStrategyGrain>(setup.StrategyId);
        Assert.True(await strategy.IsNoDataOngoingAsync(1, NoDataMd5("h2")));
        Assert.False(await strategy.IsNoDataOngoingAsync(1, NoDataMd5("h1")));
        Assert.All(host.Events.Of(setup.StrategyId), e => Assert.Equal("h2", e.Dimensions["host"]));
    }

    [Fact]
    public async Task A_nodata_alert_recovers_once_its_dimension_set_reports_again()
    {
        var n = AlignClock();
        var setup = await host.SetUpAsync(configure: NoData(continuous: 1, level: 2));
        await host.PushAsync(setup, "h1", n, 10);
        await host.PushAsync(setup, "h2", n, 10);
        await AdvanceAndPushAsync(setup, "h1", "h2");
        for (var i = 0; i < 2; i++) await AdvanceAndPushAsync(setup, "h1");
        var alert = await WaitForAlertAsync(setup);
        var alertId = alert["id"]!.GetValue<string>();

        // h2 is back: the next nodata check clears it, and an alert check after that recovers the alert. Both run on
        // reminders of the same ticks, asynchronously to the test's pushes, so which tick sees the point is not fixed:
        // the clock moves on period by period (both hosts reporting) until the alert has recovered.
        for (var i = 0; i < 10 && !await RecoveredAsync(alertId); i++) await AdvanceAndPushAsync(setup, "h1", "h2");

        var webhooks = await host.WaitForWebhooksAsync(setup, 2);
        Assert.Equal([(alertId, "firing"), (alertId, "resolved")], webhooks.Select(w => (w.AlertId, w.Status)));
        var recovered = await host.GetJsonAsync($"/api/v1/alerts/{alertId}");
        Assert.Equal("RECOVERED", recovered["status"]!.GetValue<string>());
        Assert.False(await host.Cluster.GrainFactory.GetGrain<IStrategyGrain>(setup.StrategyId).IsNoDataOngoingAsync(1, NoDataMd5("h2")));
    }

    [Fact]
    public async Task A_strategy_that_never_had_data_gets_one_whole_item_nodata_alert()
    {
        var n = AlignClock();
        var setup = await host.SetUpAsync(configure: NoData(continuous: 1, level: 3));
        await AdvanceAndPushAsync(setup);
        await AdvanceAndPushAsync(setup); // the first period checked is n+60, after the strategy existed

        var nodata = Assert.Single(await host.Events.WaitForAsync(setup.StrategyId, 1));
        Assert.Equal(new Dictionary<string, string> { ["__NO_DATA_DIMENSION__"] = "True" }, nodata.Dimensions);
        Assert.Equal(("[无数据] cpu high", 3, n + 60), (nodata.AlertName, nodata.Severity, nodata.Time));
        Assert.Equal($"{WholeItemMd5}.{n + 60}.{setup.StrategyId}.1.3", nodata.EventId);
        Assert.Equal("当前指标(cpu usage)已经有1个周期无数据上报", nodata.Description);

        var alert = await WaitForAlertAsync(setup);
        Assert.Equal(("[无数据] cpu high", 3), (alert["alert_name"]!.GetValue<string>(), alert["severity"]!.GetValue<int>()));
        Assert.True(await host.Cluster.GrainFactory.GetGrain<IStrategyGrain>(setup.StrategyId).IsNoDataOngoingAsync(1, WholeItemMd5));
    }

    [Fact]
    public async Task A_strategy_with_nodata_disabled_has_no_nodata_reminder_and_raises_nothing()
    {
        AlignClock();
        var disabled = await host.SetUpAsync();
        var enabled = await host.SetUpAsync(configure: NoData(continuous: 1, level: 2));
        Assert.Null(await NoDataReminderAsync(disabled.StrategyId));
        Assert.NotNull(await NoDataReminderAsync(enabled.StrategyId));

        await AdvanceAndPushAsync(disabled);
        await AdvanceAndPushAsync(disabled);
        // The control's check of the same period ran and alarmed; the disabled strategy checked nothing.
        await host.Events.WaitForAsync(enabled.StrategyId, 1);
        Assert.Empty(host.Events.Of(disabled.StrategyId));
        Assert.False(await host.Cluster.GrainFactory.GetGrain<IStrategyGrain>(disabled.StrategyId).IsNoDataOngoingAsync(1, WholeItemMd5));
    }

    [Fact]
    public async Task The_nodata_reminder_follows_every_save_and_the_delete_at_once()
    {
        var setup = await host.SetUpAsync(configure: NoData(continuous: 5, level: 2));
        Assert.NotNull(await NoDataReminderAsync(setup.StrategyId));

        await ReplaceNoDataAsync(setup.StrategyId, enabled: false);
        Assert.Null(await NoDataReminderAsync(setup.StrategyId));
        await ReplaceNoDataAsync(setup.StrategyId, enabled: true);
        Assert.NotNull(await NoDataReminderAsync(setup.StrategyId));

        using var deleted = await host.Http.DeleteAsync($"/api/v1/strategies/{setup.StrategyId}");
        Assert.Equal(204, (int)deleted.StatusCode);
        Assert.Null(await NoDataReminderAsync(setup.StrategyId));
    }

    /// <summary>Moves the clock to a whole minute (tests of this class share it) and returns that time.</summary>
    private long AlignClock()
    {
        var now = host.Clock.GetUtcNow().ToUnixTimeSeconds();
        if (now % 60 != 0) host.Clock.Advance(TimeSpan.FromSeconds(60 - now % 60));
        return host.Clock.GetUtcNow().ToUnixTimeSeconds();
    }

    /// <summary>One minute on: the reminders tick; then each host reports a point at the new time.</summary>
    private async Task AdvanceAndPushAsync(AlarmSetup setup, params string[] hosts)
    {
        host.Clock.Advance(TimeSpan.FromSeconds(60));
        var now = host.Clock.GetUtcNow().ToUnixTimeSeconds();
        foreach (var name in hosts) await host.PushAsync(setup, name, now, 10);
    }

    /// <summary>The strategy's only alert, once its no_data webhook arrived (the alert was stored before it was announced).</summary>
    private async Task<bool> RecoveredAsync(string alertId)
        => (await host.GetJsonAsync($"/api/v1/alerts/{alertId}"))["status"]!.GetValue<string>() == "RECOVERED";

    private async Task<JsonObject> WaitForAlertAsync(AlarmSetup setup)
    {
        await host.WaitForWebhooksAsync(setup, 1);
        var page = await host.GetJsonAsync($"/api/v1/alerts?strategy_id={setup.StrategyId}");
        Assert.Equal(1, page["total"]!.GetValue<int>());
        return page["items"]![0]!.AsObject();
    }

    private async Task ReplaceNoDataAsync(long strategyId, bool enabled)
    {
        var body = await host.GetJsonAsync($"/api/v1/strategies/{strategyId}");
        body["items"]![0]!["no_data_config"]!["is_enabled"] = enabled;
        using var replaced = await host.Http.PutAsync($"/api/v1/strategies/{strategyId}", JsonContent(body.ToJsonString()));
        await ReadJsonAsync(replaced, 200);
    }

    private Task<ReminderEntry?> NoDataReminderAsync(long strategyId) =>
        host.Reminders.ReadRowAsync(new GrainId("strategy", strategyId.ToString(CultureInfo.InvariantCulture)), "nodata");
}
