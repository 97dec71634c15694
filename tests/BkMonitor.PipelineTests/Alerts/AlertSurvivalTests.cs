using BkMonitor.GrainInterfaces.Alerts;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BkMonitor.Runtime;
using static BkMonitor.PipelineTests.Hosting.PipelineHost;

namespace BkMonitor.PipelineTests.Alerts;

/// <summary>Two silos sharing storage: killing the silo of an open alert loses nothing and sends nothing twice.</summary>
public sealed class AlertSurvivalTests(AlertSurvivalTests.TwoSilos host) : IClassFixture<AlertSurvivalTests.TwoSilos>
{
    public sealed class TwoSilos : AlarmHost
    {
        protected override int Silos => 2;
    }

    [Fact]
    public async Task Killing_the_alerts_silo_between_abnormal_and_close_keeps_the_alert_and_sends_each_webhook_once()
    {
        var setup = await host.SetUpAsync();
        await host.PushAsync(setup, "h1", T0, 95);
        var alertId = (await host.Receiver.WaitForAsync(r => r.Count >= 1))[0].AlertId;
        using (var response = await host.Http.GetAsync($"/api/v1/alerts/{alertId}"))
        {
            var md5 = (await ReadJsonAsync(response, 200))["dedupe_md5"]!.GetValue<string>();
            var silo = host.Cluster.FindActivationSilo(new GrainId("alert", AlertGrainKey.Of(setup.StrategyId, md5)));
            Assert.NotNull(silo);
            await host.Cluster.KillSiloAsync(silo);
        }

        // The next anomaly reaches the alert on the surviving silo: same alert, both events counted.
        await host.PushAsync(setup, "h1", T0 + 60, 97);
        await host.Events.WaitForAsync(setup.StrategyId, 2);
        var closed = await CloseWhenCountedAsync(alertId, 2);
        Assert.Equal(("CLOSED", 2), (closed["status"]!.GetValue<string>(), closed["event_count"]!.GetValue<int>()));

        // Delivery is at-least-once: a send in flight when its silo died goes again with the same Idempotency-Key,
        // which is how a receiver drops the copy. Each notice counts once per key, in first-arrival order.
        var webhooks = await host.Receiver.WaitForAsync(r => r.Select(w => w.IdempotencyKey).Distinct().Count() >= 2);
        Assert.Equal([(alertId, "firing"), (alertId, "resolved")], webhooks.DistinctBy(w => w.IdempotencyKey).Select(w => (w.AlertId, w.Status)));
        Assert.All(webhooks, w => Assert.Equal(webhooks.First(f => f.IdempotencyKey == w.IdempotencyKey).Status, w.Status));
        using var search = await host.Http.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/api/v1/alerts?strategy_id={setup.StrategyId}"));
        Assert.Equal(1, (await ReadJsonAsync(search, 200))["total"]!.GetValue<int>());
    }

    // The event reached trigger's recorder; the alert grain may still be absorbing it, so read until it counts it.
    private async Task<JsonObject> CloseWhenCountedAsync(string alertId, int events)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var alert = await host.Http.GetFromJsonAsync<JsonObject>($"/api/v1/alerts/{alertId}");
            if (alert!["event_count"]!.GetValue<int>() >= events) break;
            Assert.True(DateTime.UtcNow < deadline, $"alert {alertId} never counted {events} events");
            await Task.Yield();
        }
        using var response = await host.Http.PostAsync($"/api/v1/alerts/{alertId}/close", JsonContent("""{"message": "done"}"""));
        return await ReadJsonAsync(response, 200);
    }
}
