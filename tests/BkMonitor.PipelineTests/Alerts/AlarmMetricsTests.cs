using BkMonitor.PipelineTests.Hosting;
using static BkMonitor.PipelineTests.Hosting.PipelineHost;

namespace BkMonitor.PipelineTests.Alerts;

/// <summary>
/// The alarm metrics on the gateway's <c>/metrics</c>: an anomaly that opens an alert and sends its webhook moves the
/// alert, delivery and webhook attempt counters. Other tests of this process count into the same series, so the
/// assertions are on increases.
/// </summary>
public sealed class AlarmMetricsTests(AlarmHost host) : IClassFixture<AlarmHost>
{
    private const string Opened = "bkmonitor_alerts_opened_total{bk_biz_id=\"2\",severity=\"1\"}";
    private const string Closed = "bkmonitor_alerts_closed_total{bk_biz_id=\"2\",severity=\"1\"}";
    private const string WebhooksSent = "bkmonitor_action_deliveries_total{channel=\"webhook\",outcome=\"success\",plugin=\"webhook\"}";
    private const string AttemptsSucceeded = "bkmonitor_webhook_attempts_total{outcome=\"success\"}";

    [Fact]
    public async Task An_alert_and_its_webhook_move_the_alert_and_delivery_counters()
    {
        var setup = await host.SetUpAsync();
        var before = await ScrapeAsync();

        await host.PushAsync(setup, "metrics-h1", T0, 95);
        var alertId = (await host.WaitForWebhooksAsync(setup, 1))[0].AlertId;
        // The action records its outcome after the sender returned: once "success" is listed, the send was counted.
        await host.UntilAsync(async () => (await host.GetArrayAsync($"/api/v1/alerts/{alertId}/actions")).Any(a => a!["status"]!.GetValue<string>() == "success"),
            "the abnormal webhook is recorded as sent");
        var opened = await ScrapeAsync();

        Assert.True(opened.Value(Opened) >= before.Value(Opened) + 1, "alerts opened did not move");
        Assert.True(opened.Value(WebhooksSent) >= before.Value(WebhooksSent) + 1, "webhook deliveries did not move");
        Assert.True(opened.Value(AttemptsSucceeded) >= before.Value(AttemptsSucceeded) + 1, "webhook attempts did not move");

        using (var close = await host.Http.PostAsync($"/api/v1/alerts/{alertId}/close", JsonContent("{}")))
        {
            await ReadJsonAsync(close, 200);
        }
        var closed = await ScrapeAsync();
        Assert.True(closed.Value(Closed) >= opened.Value(Closed) + 1, "alerts closed did not move");
        Assert.Empty(closed.SamplesWithRepeatedLabels());
    }

    private async Task<MetricsExposition> ScrapeAsync() => new(await host.Http.GetStringAsync("/metrics"));
}
