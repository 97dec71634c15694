using BkMonitor.GrainInterfaces.Alerts;
using System.Text.Json;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using static BkMonitor.PipelineTests.Hosting.PipelineHost;

namespace BkMonitor.PipelineTests.Alerts;

/// <summary>
/// The alert manager (one reminder per strategy shard, not per alert): an open alert is checked once per period of
/// the fake clock, recovers when its series has been clean for the recovery window and closes when its strategy is
/// deleted; the manager forgets an ended alert and drops its reminder when nothing is left to check.
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
        await host.DetectedAsync(setup.StrategyId, records: 6);

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
        await host.DetectedAsync(setup.StrategyId, records: 6);
        host.Cluster.FakeTime.Advance(TimeSpan.FromSeconds(60));
        // Four more clean periods move the last anomaly out of the five recovery windows.
        for (var period = 6; period <= 9; period++) await host.PushAsync(setup, "k1", T0 + 60 * period, 10);
        await host.DetectedAsync(setup.StrategyId, records: 10);
        host.Cluster.FakeTime.Advance(TimeSpan.FromSeconds(60));

        var webhooks = await host.WaitForWebhooksAsync(setup, 2);
        Assert.Equal(["firing", "resolved"], webhooks.Select(w => w.Status));
        var alert = await host.GetJsonAsync($"/api/v1/alerts/{alertId}");
        Assert.Equal("RECOVERED", alert["status"]!.GetValue<string>());
        // Recovered on the second check, not the first: the end time is the later check's clock.
        Assert.Equal(host.Cluster.FakeTime.GetUtcNow().ToUnixTimeSeconds(), alert["end_time"]!.GetValue<long>());
    }

    [Fact]
    public async Task Deleting_the_strategy_closes_its_open_alert_on_the_next_check_and_the_close_is_still_announced()
    {
        var setup = await host.SetUpAsync();
        await host.PushAsync(setup, "d1", T0, 95);
        var alertId = (await host.WaitForWebhooksAsync(setup, 1))[0].AlertId;
        using (var deleted = await host.Http.DeleteAsync($"/api/v1/strategies/{setup.StrategyId}"))
        {
            Assert.True(deleted.IsSuccessStatusCode);
        }

        host.Cluster.FakeTime.Advance(TimeSpan.FromSeconds(60));

        // The deleted strategy's relations still hold for its alert: the close goes to the same receiver, once.
        var webhooks = await host.WaitForWebhooksAsync(setup, 2);
        Assert.All(webhooks, w => Assert.Equal(alertId, w.AlertId));
        var alert = await host.GetJsonAsync($"/api/v1/alerts/{alertId}");
        Assert.Equal("CLOSED", alert["status"]!.GetValue<string>());
        Assert.Equal(host.Cluster.FakeTime.GetUtcNow().ToUnixTimeSeconds(), alert["end_time"]!.GetValue<long>());
        var actions = await host.GetArrayAsync($"/api/v1/alerts/{alertId}/actions");
        Assert.Equal(["abnormal", "closed"], actions.Select(a => a!["signal"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Alerts_of_one_strategy_share_one_manager_reminder_which_goes_once_every_alert_ended()
    {
        var setup = await host.SetUpAsync();
        string[] hosts = ["m1", "m2", "m3", "m4", "m5", "m6"];
        foreach (var name in hosts) await host.PushAsync(setup, name, T0, 95);
        var webhooks = await host.WaitForWebhooksAsync(setup, hosts.Length);
        var search = host.Cluster.GrainFactory.GetGrain<IAlertSearchGrain>(0);
        var alertKeys = await Task.WhenAll(webhooks.Select(async w => (await search.AlertGrainKeyOfAsync(w.AlertId))!));
        var manager = host.Cluster.GrainFactory.GetGrain<IAlertManagerGrain>(AlertWatchKey.ManagerOf(alertKeys[0]));
        var watchLists = alertKeys.GroupBy(AlertWatchKey.WatchListOf).ToArray();

        Assert.Equal(watchLists.Select(w => AlertWatchKey.ShardOf(w.First())).Order(), (await manager.ListShardsAsync()).Order());
        foreach (var watchList in watchLists)
        {
            var watched = await host.Cluster.GrainFactory.GetGrain<IAlertWatchListGrain>(watchList.Key).ListAsync();
            Assert.Equal(watchList.Order(StringComparer.Ordinal), watched.Order(StringComparer.Ordinal));
        }
        Assert.NotNull(await ManagerReminderAsync(setup.StrategyId));
        foreach (var key in alertKeys) Assert.Null(await host.Reminders.ReadRowAsync(new GrainId("alert", key), "alert-checks"));

        for (var period = 1; period <= 5; period++)
        {
            foreach (var name in hosts) await host.PushAsync(setup, name, T0 + 60 * period, 10);
        }
        await host.DetectedAsync(setup.StrategyId, records: 6 * hosts.Length);
        host.Cluster.FakeTime.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(2 * hosts.Length, (await host.WaitForWebhooksAsync(setup, 2 * hosts.Length)).Count);

        // The round that recovered them also forgot them and, with nothing left, removed the one reminder.
        await host.UntilAsync(async () => await ManagerReminderAsync(setup.StrategyId) is null, "the manager drops its reminder");
        Assert.Empty(await manager.ListShardsAsync());
        foreach (var watchList in watchLists)
        {
            Assert.Empty(await host.Cluster.GrainFactory.GetGrain<IAlertWatchListGrain>(watchList.Key).ListAsync());
        }
    }

    private Task<ReminderEntry?> ManagerReminderAsync(long strategyId) =>
        host.Reminders.ReadRowAsync(new GrainId("alert-manager", $"{strategyId}"), "alert-checks");

    [Fact]
    public async Task The_action_grain_of_an_alert_whose_strategy_runs_no_action_lets_its_activation_go_once_it_handled_the_signal()
    {
        var setup = await host.SetUpAsync(configure: strategy => strategy.Remove("actions"));
        await host.PushAsync(setup, "quiet1", T0, 95);
        string? alertId = null;
        await host.UntilAsync(async () =>
        {
            var page = await host.GetJsonAsync($"/api/v1/alerts?strategy_id={setup.StrategyId}");
            alertId = page["items"]!.AsArray().FirstOrDefault()?["id"]!.GetValue<string>();
            return alertId is not null;
        }, "the alert is opened");
        var action = new GrainId("action", alertId!);
        var storage = host.Cluster.Silos[0].Services.GetRequiredKeyedService<IGrainStorage>(ProviderNames.DefaultStorage);

        await host.UntilAsync(async () =>
        {
            var state = new GrainState<JsonElement>(default);
            await storage.ReadStateAsync("actions", action, state);
            // The state's JSON names are the serializer's business: find the handled signals by name, any casing.
            return state.RecordExists && state.State.EnumerateObject()
                .Any(p => p.Name.Equals("handledSignals", StringComparison.OrdinalIgnoreCase) && p.Value.EnumerateArray().Any(s => s.GetString() == "abnormal"));
        }, "the abnormal signal is handled");
        await host.UntilAsync(() => Task.FromResult(host.Cluster.FindActivationSilo(action) is null), "the action grain deactivates");

        Assert.Empty(await host.GetArrayAsync($"/api/v1/alerts/{alertId}/actions"));
    }
}
