using System.Net;
using System.Text.Json.Nodes;
using BkMonitor.Grains.Hashing;
using static BkMonitor.PipelineTests.Hosting.PipelineHost;

namespace BkMonitor.PipelineTests.Alerts;

/// <summary>push → trigger → alert → webhook on a real receiver; the alert read, searched, acked and closed by REST.</summary>
public sealed class AlertLifecycleTests(AlarmHost host) : IClassFixture<AlarmHost>
{
    [Fact]
    public async Task An_anomaly_opens_one_alert_and_its_webhook_arrives_once_with_an_idempotency_key()
    {
        var setup = await host.SetUpAsync();
        await host.PushAsync(setup, "h1", T0, 95);
        await host.Events.WaitForAsync(setup.StrategyId, 1);
        var webhooks = await host.Receiver.WaitForAsync(r => r.Any(w => w.Body["alerts"]![0]!["labels"]!["strategy_id"]!.GetValue<string>() == $"{setup.StrategyId}"));
        var abnormal = webhooks.Single(w => w.Body["alerts"]![0]!["labels"]!["strategy_id"]!.GetValue<string>() == $"{setup.StrategyId}");
        Assert.Equal("firing", abnormal.Status);
        Assert.StartsWith("bkm1-", abnormal.IdempotencyKey, StringComparison.Ordinal);
        Assert.Equal("4", abnormal.Body["version"]!.GetValue<string>());

        var alert = await host.GetJsonAsync($"/api/v1/alerts/{abnormal.AlertId}");
        Assert.Equal(("ABNORMAL", 1, setup.StrategyId, 2L), (alert["status"]!.GetValue<string>(), alert["severity"]!.GetValue<int>(), alert["strategy_id"]!.GetValue<long>(), alert["bk_biz_id"]!.GetValue<long>()));
        Assert.Equal(CountMd5.Of(new object?[] { setup.StrategyId, "", null, 2L, "h1" }), alert["dedupe_md5"]!.GetValue<string>());
        // "{ts:0>10}{seq}": created at the cluster's clock second.
        Assert.StartsWith($"{T0 + 600}", abnormal.AlertId, StringComparison.Ordinal);
        Assert.Equal((T0, 1), (alert["begin_time"]!.GetValue<long>(), alert["event_count"]!.GetValue<int>()));

        var page = await host.GetJsonAsync($"/api/v1/alerts?strategy_id={setup.StrategyId}&status=ABNORMAL");
        Assert.Equal(1, page["total"]!.GetValue<int>());
        Assert.Equal(abnormal.AlertId, page["items"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(0, (await host.GetJsonAsync($"/api/v1/alerts?strategy_id={setup.StrategyId}&status=CLOSED"))["total"]!.GetValue<int>());

        var action = (await host.GetArrayAsync($"/api/v1/alerts/{abnormal.AlertId}/actions")).Single()!;
        Assert.Equal(("webhook", "abnormal", "success", 1), (action["plugin_type"]!.GetValue<string>(), action["signal"]!.GetValue<string>(), action["status"]!.GetValue<string>(), action["attempts"]!.GetValue<int>()));
        Assert.Equal(abnormal.IdempotencyKey, action["idempotency_key"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ack_then_close_by_rest_send_their_webhooks_once_and_a_second_close_conflicts()
    {
        var setup = await host.SetUpAsync();
        await host.PushAsync(setup, "h2", T0, 95);
        var alertId = (await host.WaitForWebhooksAsync(setup, 1))[0].AlertId;
        // A second anomaly of the same series joins the alert: no new alert, no new abnormal webhook.
        await host.PushAsync(setup, "h2", T0 + 60, 96);
        await host.Events.WaitForAsync(setup.StrategyId, 2);

        var acked = await PostAsync($"/api/v1/alerts/{alertId}/ack", """{"message": "looking"}""", HttpStatusCode.OK);
        Assert.True(acked["is_ack"]!.GetValue<bool>());
        await PostAsync($"/api/v1/alerts/{alertId}/ack", """{"message": "again"}""", HttpStatusCode.Conflict);
        var closed = await PostAsync($"/api/v1/alerts/{alertId}/close", """{"message": "done"}""", HttpStatusCode.OK);
        Assert.Equal("CLOSED", closed["status"]!.GetValue<string>());
        Assert.Equal(2, closed["event_count"]!.GetValue<int>());

        var webhooks = await host.WaitForWebhooksAsync(setup, 3);
        Assert.Equal(["firing", "firing", "resolved"], webhooks.Select(w => w.Status));
        Assert.Single(webhooks.Select(w => w.AlertId).Distinct());
        Assert.Equal(3, webhooks.Select(w => w.IdempotencyKey).Distinct().Count());

        var problem = await PostAsync($"/api/v1/alerts/{alertId}/close", "{}", HttpStatusCode.Conflict);
        Assert.Contains("already ended", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await PostAsync($"/api/v1/alerts/{alertId}/ack", "{}", HttpStatusCode.Conflict);
        var actions = await host.GetArrayAsync($"/api/v1/alerts/{alertId}/actions");
        Assert.Equal(["abnormal", "ack", "closed"], actions.Select(a => a!["signal"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Unknown_alerts_are_404_and_bad_filters_400()
    {
        await PostAsync("/api/v1/alerts/17000006001/close", "{}", HttpStatusCode.NotFound);
        await PostAsync("/api/v1/alerts/17000006001/ack", "{}", HttpStatusCode.NotFound);
        using (var response = await host.Http.GetAsync("/api/v1/alerts/nope"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        using (var response = await host.Http.GetAsync("/api/v1/alerts?status=FIRING"))
        {
            var problem = await ReadJsonAsync(response, 400);
            Assert.True(problem["errors"]!.AsObject().ContainsKey("status"));
        }
    }

    private async Task<JsonObject> PostAsync(string path, string body, HttpStatusCode expected)
    {
        using var response = await host.Http.PostAsync(path, JsonContent(body));
        return await ReadJsonAsync(response, (int)expected);
    }
}
