using BkMonitor.GrainInterfaces.Detect;
using static BkMonitor.PipelineTests.Hosting.PipelineHost;

namespace BkMonitor.PipelineTests.Alerts;

/// <summary>
/// The alert manager's reminder on the alert grain: an open alert is checked once per period of the fake clock,
/// recovers when its series has been clean for the recovery window and closes when its strategy is deleted.
/// </summary>
public sealed class AlertManagerTests(AlarmHost host) : IClassFixture<AlarmHost>
{
    [Fact]
    public async Task Five_clean_periods_recover_the_alert_on_the_next_check_and_send_the_resolved_webhook_once()
    {
        var setup = await host.SetUpAsync();
        await host.PushAsync(setup, "r1", T0, 95);
        var alertId = (await host.WaitForWebhooksAsync(setup, 1))[0].AlertId;
        for (var period = 1; period <= 5; period++) await host.PushAsync(setup, "r1", T0 + 60 * period, 10);
        await DetectedAsync(setup.StrategyId, records: 6);

        host.Cluster.FakeTime.Advance(TimeSpan.FromSeconds(60));
        var webhooks = await host.WaitForWebhooksAsync(setup, 2);

        Assert.Equal(["firing", "resolved"], webhooks.Select(w => w.Status));
        Assert.All(webhooks, w => Assert.Equal(alertId, w.AlertId));
        var alert = await host.GetJsonAsync($"/api/v1/alerts/{alertId}");
        Assert.Equal("RECOVERED", alert["status"]!.GetValue<string>());
        var actions = await host.GetArrayAsync($"/api/v1/alerts/{alertId}/actions");
        Assert.Equal(["abnormal", "recovered"], actions.Select(a => a!["signal"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_anomaly_inside_the_recovery_window_keeps_the_alert_open_until_the_window_is_clean()
    {
        var setup = await host.SetUpAsync();
        await host.PushAsync(setup, "k1", T0, 95);
        var alertId = (await host.WaitForWebhooksAsync(setup, 1))[0].AlertId;
        // The fourth period is anomalous again: the windows ending at T0+60..T0+300 are not all clean.
        foreach (var (offset, cpu) in new[] { (60, 10.0), (120, 10.0), (180, 10.0), (240, 96.0), (300, 10.0) })
        {
            await host.PushAsync(setup, "k1", T0 + offset, cpu);
        }
        await DetectedAsync(setup.StrategyId, records: 6);
        host.Cluster.FakeTime.Advance(TimeSpan.FromSeconds(60));
        // Four more clean periods move the last anomaly out of the five recovery windows.
        for (var period = 6; period <= 9; period++) await host.PushAsync(setup, "k1", T0 + 60 * period, 10);
        await DetectedAsync(setup.StrategyId, records: 10);
        host.Cluster.FakeTime.Advance(TimeSpan.FromSeconds(60));

        var webhooks = await host.WaitForWebhooksAsync(setup, 2);
        Assert.Equal(["firing", "resolved"], webhooks.Select(w => w.Status));
        var alert = await host.GetJsonAsync($"/api/v1/alerts/{alertId}");
        Assert.Equal("RECOVERED", alert["status"]!.GetValue<string>());
        // Recovered on the second check, not the first: the end time is the later check's clock.
        Assert.Equal(host.Cluster.FakeTime.GetUtcNow().ToUnixTimeSeconds(), alert["end_time"]!.GetValue<long>());
    }

    [Fact]
    public async Task Deleting_the_strategy_closes_its_open_alert_on_the_next_check()
    {
        var setup = await host.SetUpAsync();
        await host.PushAsync(setup, "d1", T0, 95);
        var alertId = (await host.WaitForWebhooksAsync(setup, 1))[0].AlertId;
        using (var deleted = await host.Http.DeleteAsync($"/api/v1/strategies/{setup.StrategyId}"))
        {
            Assert.True(deleted.IsSuccessStatusCode);
        }

        host.Cluster.FakeTime.Advance(TimeSpan.FromSeconds(60));

        // The strategy's relations went with it, so no webhook announces the close: read the alert until it ends.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var alert = await host.GetJsonAsync($"/api/v1/alerts/{alertId}");
        while (alert["status"]!.GetValue<string>() == "ABNORMAL")
        {
            await Task.Delay(10, timeout.Token);
            alert = await host.GetJsonAsync($"/api/v1/alerts/{alertId}");
        }
        Assert.Equal("CLOSED", alert["status"]!.GetValue<string>());
        Assert.Equal(host.Cluster.FakeTime.GetUtcNow().ToUnixTimeSeconds(), alert["end_time"]!.GetValue<long>());
    }

    private async Task DetectedAsync(long strategyId, long records)
    {
        var detect = host.Cluster.GrainFactory.GetGrain<IDetectGrain>(strategyId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await detect.GetStatsAsync()).Records < records)
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
