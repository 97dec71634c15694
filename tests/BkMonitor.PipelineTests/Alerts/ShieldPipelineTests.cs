using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using static BkMonitor.PipelineTests.Hosting.PipelineHost;

namespace BkMonitor.PipelineTests.Alerts;

/// <summary>A shield made by REST holds an alert's webhook (action status <c>shield</c>); when it ends or is deleted the webhook goes once.</summary>
public sealed class ShieldPipelineTests(AlarmHost host) : IClassFixture<AlarmHost>
{
    private long Now => host.Cluster.FakeTime.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public async Task A_strategy_shield_holds_the_webhook_and_it_arrives_once_after_the_shield_ends()
    {
        var setup = await host.SetUpAsync();
        var end = Now + 120;
        await CreateShieldAsync(new JsonObject
        {
            ["bk_biz_id"] = 2, ["category"] = "strategy", ["begin_time"] = Now - 60, ["end_time"] = end,
            ["cycle_config"] = new JsonObject { ["type"] = 1 },
            ["dimension_config"] = new JsonObject { ["strategy_id"] = new JsonArray(setup.StrategyId) },
        });

        var alertId = await ShieldedAlertAsync(setup, "shield-h1");

        host.Cluster.FakeTime.Advance(TimeSpan.FromSeconds(end + 61 - Now));
        await AssertReleasedOnceAsync(alertId);
    }

    [Fact]
    public async Task Deleting_a_dimension_shield_releases_the_held_webhook_once()
    {
        var setup = await host.SetUpAsync();
        var shieldId = await CreateShieldAsync(new JsonObject
        {
            ["bk_biz_id"] = 2, ["category"] = "dimension", ["begin_time"] = Now - 60, ["end_time"] = Now + 86_400,
            ["cycle_config"] = new JsonObject { ["type"] = 1 },
            ["dimension_config"] = new JsonObject
            {
                ["dimension_conditions"] = new JsonArray(new JsonObject { ["key"] = "host", ["value"] = new JsonArray("shield-h2"), ["method"] = "eq" }),
            },
        });
        var alertId = await ShieldedAlertAsync(setup, "shield-h2");
        host.Cluster.FakeTime.Advance(TimeSpan.FromSeconds(60)); // the alert manager's shield check
        await UntilAsync(async () => await IsShieldedAsync(alertId) ? "shielded" : null);

        using (var deleted = await host.Http.DeleteAsync($"/api/v1/shields/{shieldId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        var shield = await host.GetJsonAsync($"/api/v1/shields/{shieldId}");
        Assert.Equal(Now, shield["delete_time"]!.GetValue<long>());
        var expired = await host.GetJsonAsync("/api/v1/shields?bk_biz_id=2&status=expired&page_size=1000");
        Assert.Contains(shieldId, expired["items"]!.AsArray().Select(s => s!["id"]!.GetValue<long>()));

        host.Cluster.FakeTime.Advance(TimeSpan.FromSeconds(60)); // the next shield check
        await AssertReleasedOnceAsync(alertId);
        await UntilAsync(async () => await IsShieldedAsync(alertId) ? null : "unshielded");
    }

    private async Task<bool> IsShieldedAsync(string alertId) =>
        (await host.GetJsonAsync($"/api/v1/alerts/{alertId}"))["is_shielded"]!.GetValue<bool>();

    [Fact]
    public async Task An_alert_that_recovers_under_the_shield_has_its_recovered_notice_shielded_too()
    {
        var setup = await host.SetUpAsync();
        await CreateShieldAsync(new JsonObject
        {
            ["bk_biz_id"] = 2, ["category"] = "strategy", ["begin_time"] = Now - 60, ["end_time"] = Now + 86_400,
            ["dimension_config"] = new JsonObject { ["strategy_id"] = new JsonArray(setup.StrategyId), ["level"] = new JsonArray(1) },
        });
        var alertId = await ShieldedAlertAsync(setup, "shield-r1");
        for (var period = 1; period <= 5; period++) await host.PushAsync(setup, "shield-r1", T0 + 60 * period, 10);
        await host.DetectedAsync(setup.StrategyId, records: 6);

        host.Cluster.FakeTime.Advance(TimeSpan.FromSeconds(60)); // the alert manager's check recovers it
        var actions = await UntilAsync(async () =>
        {
            var all = await ActionsAsync(alertId);
            return all.Any(a => a!["signal"]!.GetValue<string>() == "recovered" && a["status"]!.GetValue<string>() != "running") ? all : null;
        });

        Assert.Equal([("abnormal", "shield"), ("recovered", "shield")], actions.Select(a => (a!["signal"]!.GetValue<string>(), a["status"]!.GetValue<string>())));
        Assert.Equal("RECOVERED", (await host.GetJsonAsync($"/api/v1/alerts/{alertId}"))["status"]!.GetValue<string>());
        Assert.Empty(host.Receiver.Of(alertId));
    }

    // Pushes an anomaly of the host; returns the alert once its abnormal webhook action reads "shield", with nothing received.
    private async Task<string> ShieldedAlertAsync(AlarmSetup setup, string hostName)
    {
        await host.PushAsync(setup, hostName, T0, 95);
        await host.Events.WaitForAsync(setup.StrategyId, 1);
        var alertId = await UntilAsync(async () =>
        {
            var page = await host.GetJsonAsync(string.Create(CultureInfo.InvariantCulture, $"/api/v1/alerts?strategy_id={setup.StrategyId}"));
            return page["items"]!.AsArray().FirstOrDefault()?["id"]!.GetValue<string>();
        });
        // "running" while planned: wait for the decision (shield, or success/failure had it gone out).
        var action = await UntilAsync(async () => (await ActionsAsync(alertId)).FirstOrDefault(a => a!["status"]!.GetValue<string>() is not ("received" or "running")));
        Assert.Equal(("abnormal", "shield"), (action["signal"]!.GetValue<string>(), action["status"]!.GetValue<string>()));
        Assert.Empty(host.Receiver.Of(alertId));
        var alert = await host.GetJsonAsync($"/api/v1/alerts/{alertId}");
        Assert.Equal("ABNORMAL", alert["status"]!.GetValue<string>());
        return alertId;
    }

    private async Task AssertReleasedOnceAsync(string alertId)
    {
        var received = await host.Receiver.WaitForAsync(r => r.Any(w => w.AlertId == alertId));
        var webhook = Assert.Single(received, w => w.AlertId == alertId);
        Assert.Equal("firing", webhook.Status);
        // The shielded instance stays; the released notice is its own instance carrying the delivered key.
        var actions = await UntilAsync(async () =>
        {
            var all = await ActionsAsync(alertId);
            return all.Any(a => a!["status"]!.GetValue<string>() == "success") ? all : null;
        });
        Assert.Equal(["shield", "success"], actions.Select(a => a!["status"]!.GetValue<string>()));
        Assert.Equal(webhook.IdempotencyKey, actions[1]!["idempotency_key"]!.GetValue<string>());
        Assert.Single(host.Receiver.Of(alertId));
    }

    private async Task<long> CreateShieldAsync(JsonObject body)
    {
        using var response = await host.Http.PostAsync("/api/v1/shields", JsonContent(body.ToJsonString()));
        return (await ReadJsonAsync(response, 201))["id"]!.GetValue<long>();
    }

    private Task<JsonArray> ActionsAsync(string alertId) => host.GetArrayAsync($"/api/v1/alerts/{alertId}/actions");

    // The alert and action grains work after the event reached the recorder: read until the state shows up.
    private static async Task<T> UntilAsync<T>(Func<Task<T?>> read)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await read() is { } value) return value;
            Assert.True(DateTime.UtcNow < deadline, "the expected state never showed up");
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }
}
