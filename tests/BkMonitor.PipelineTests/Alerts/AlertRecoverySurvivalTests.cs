using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Runtime;
using static BkMonitor.PipelineTests.Hosting.PipelineHost;

namespace BkMonitor.PipelineTests.Alerts;

/// <summary>Two silos sharing storage and reminders: the silo of an open alert dies, the survivor checks and recovers it.</summary>
public sealed class AlertRecoverySurvivalTests(AlertSurvivalTests.TwoSilos host) : IClassFixture<AlertSurvivalTests.TwoSilos>
{
    [Fact]
    public async Task Killing_the_alerts_silo_between_abnormal_and_recovered_recovers_it_on_the_survivor_with_one_resolved_notice()
    {
        var setup = await host.SetUpAsync();
        await host.PushAsync(setup, "r1", T0, 95);
        var alertId = (await host.WaitForWebhooksAsync(setup, 1))[0].AlertId;
        var md5 = (await host.GetJsonAsync($"/api/v1/alerts/{alertId}"))["dedupe_md5"]!.GetValue<string>();
        var silo = host.Cluster.FindActivationSilo(new GrainId("alert", AlertGrainKey.Of(setup.StrategyId, md5)));
        Assert.NotNull(silo);
        await host.Cluster.KillSiloAsync(silo);

        // Five clean periods reach detect on the survivor; the alert's check reminder moved with the ring.
        for (var period = 1; period <= 5; period++) await host.PushAsync(setup, "r1", T0 + 60 * period, 10);
        await host.DetectedAsync(setup.StrategyId, records: 5);
        // The survivor takes the dead silo's reminders over when it sees the membership change, which may come after
        // the first tick: keep the clock going, one check period at a time, until the resolved notice arrives.
        var resolved = host.Receiver.WaitForAsync(r => r.Where(w => w.AlertId == alertId).Select(w => w.IdempotencyKey).Distinct().Count() >= 2);
        for (var period = 0; period < 5 && !resolved.IsCompleted; period++)
        {
            host.Cluster.FakeTime.Advance(TimeSpan.FromSeconds(60));
            await Task.WhenAny(resolved, Task.Delay(TimeSpan.FromSeconds(5)));
        }
        var webhooks = await resolved;
        Assert.Equal(["firing", "resolved"], webhooks.Where(w => w.AlertId == alertId).DistinctBy(w => w.IdempotencyKey).Select(w => w.Status));
        var alert = await host.GetJsonAsync($"/api/v1/alerts/{alertId}");
        Assert.Equal(("RECOVERED", 1), (alert["status"]!.GetValue<string>(), alert["event_count"]!.GetValue<int>()));
    }
}
