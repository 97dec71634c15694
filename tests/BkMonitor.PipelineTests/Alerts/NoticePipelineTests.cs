using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static BkMonitor.PipelineTests.Hosting.PipelineHost;

namespace BkMonitor.PipelineTests.Alerts;

/// <summary>
/// The notice plugin end to end: strategy notice relation → user group → wxwork-bot robot (the test's real HTTP
/// receiver) with templates, repeat notices on the fake clock, converge across alerts, unconfigured channels.
/// </summary>
public sealed partial class NoticePipelineTests(AlarmHost host) : IClassFixture<AlarmHost>
{
    private const string Message = "alert={{alarm.id}} signal={{alarm.signal}} strategy={{strategy.id}} level={{alarm.level_name}}";

    [Fact]
    public async Task Each_signal_sends_one_robot_notice_with_an_idempotency_key_and_a_rendered_template()
    {
        var setup = await SetUpAsync(["wxwork-bot"], """{"need_poll": false}""", signals: ["abnormal", "closed"]);
        await host.PushAsync(setup.Alarm, "n1", T0, 95);
        var abnormal = (await WaitForNoticesAsync(setup, "abnormal", 1)).Single();
        var alertId = Parse(abnormal).AlertId;
        Assert.Contains($"signal=abnormal strategy={setup.Alarm.StrategyId} level=致命", abnormal.Markdown, StringComparison.Ordinal);
        Assert.StartsWith("**cpu high**\n", abnormal.Markdown, StringComparison.Ordinal);
        Assert.StartsWith("bkm1-", abnormal.IdempotencyKey, StringComparison.Ordinal);

        using (var close = await host.Http.PostAsync($"/api/v1/alerts/{alertId}/close", JsonContent("""{"message": "done"}""")))
        {
            await ReadJsonAsync(close, 200);
        }
        var closed = (await WaitForNoticesAsync(setup, "closed", 1)).Single();
        Assert.Equal(alertId, Parse(closed).AlertId);

        var all = Notices(setup);
        Assert.Equal(["abnormal", "closed"], all.Select(n => Parse(n).Signal));
        Assert.Equal(2, all.Select(n => n.IdempotencyKey).Distinct().Count());
        // The robot answered before the grain recorded the outcome: wait for the record.
        var actions = await EndedActionsAsync(alertId, 2);
        Assert.Equal(
            [("notice", "abnormal", "success", "wxwork-bot", abnormal.IdempotencyKey), ("notice", "closed", "success", "wxwork-bot", closed.IdempotencyKey)],
            actions.Select(a => (Text(a, "plugin_type"), Text(a, "signal"), Text(a, "status"), Text(a, "notice_way"), Text(a, "idempotency_key"))));
    }

    [Fact]
    public async Task An_unacknowledged_alert_is_escalated_once_to_the_upgrade_group_after_upgrade_interval()
    {
        var setup = await SetUpAsync(["wxwork-bot"], """{"need_poll": false}""", upgradeMinutes: 1);
        await host.PushAsync(setup.Alarm, "u1", T0, 95);
        var first = (await WaitForNoticesAsync(setup, "abnormal", 1)).Single();

        host.Clock.Advance(TimeSpan.FromSeconds(60)); // the upgrade poll: one minute of alert duration is due
        var notices = await WaitForNoticesAsync(setup, "abnormal", 2);

        Assert.Equal(2, notices.Select(n => n.IdempotencyKey).Distinct().Count());
        Assert.Equal(first.IdempotencyKey, notices[0].IdempotencyKey);
        var actions = await EndedActionsAsync(Parse(first).AlertId, 2);
        Assert.Equal(["success", "success"], actions.Select(a => a!["status"]!.GetValue<string>()));
        Assert.Equal(notices.Select(n => n.IdempotencyKey).Order(), actions.Select(a => a!["idempotency_key"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task A_repeat_notice_follows_after_notify_interval_once_the_alert_has_a_newer_anomaly()
    {
        var setup = await SetUpAsync(["wxwork-bot"], """{"need_poll": true, "notify_interval": 60, "interval_notify_mode": "standard"}""");
        await host.PushAsync(setup.Alarm, "r1", T0, 95);
        var first = (await WaitForNoticesAsync(setup, "abnormal", 1)).Single();
        var alertId = Parse(first).AlertId;

        await host.PushAsync(setup.Alarm, "r1", T0 + 60, 97);
        await WaitUntilAsync(async () => (await AlertAsync(alertId))["event_count"]!.GetValue<int>() >= 2, "the alert counts the second anomaly");
        host.Clock.Advance(TimeSpan.FromSeconds(60));

        var notices = await WaitForNoticesAsync(setup, "abnormal", 2);
        Assert.All(notices, n => Assert.Equal(alertId, Parse(n).AlertId));
        Assert.NotEqual(notices[0].IdempotencyKey, notices[1].IdempotencyKey);
        var actions = await EndedActionsAsync(alertId, 2);
        // execute_times counts from 1 as bk-monitor's does: the first notice, then the first repeat.
        Assert.Equal([1, 2], actions.Select(a => a!["execute_times"]!.GetValue<int>()).Order());
    }

    [Fact]
    public async Task Converge_collect_skips_the_second_alerts_notice_and_sends_a_summary_a_minute_later()
    {
        const string converge = """{"is_enabled": true, "converge_func": "collect", "timedelta": 60, "count": 1, "condition": [{"dimension": "notice_info", "value": ["self"]}]}""";
        var setup = await SetUpAsync(["wxwork-bot"], """{"need_poll": false}""", convergeConfig: converge);
        await host.PushAsync(setup.Alarm, "c1", T0, 95);
        var first = (await WaitForNoticesAsync(setup, "abnormal", 1)).Single();
        var firstAlert = Parse(first).AlertId;
        using (var close = await host.Http.PostAsync($"/api/v1/alerts/{firstAlert}/close", JsonContent("{}")))
        {
            await ReadJsonAsync(close, 200);
        }

        // The same series is anomalous again, at the clock's minute so the point is not older than the close: a second
        // alert with the same notice_info inside the converge window.
        var now = host.Clock.GetUtcNow().ToUnixTimeSeconds();
        await host.PushAsync(setup.Alarm, "c1", now - now % 60, 96);
        string? secondAlert = null;
        var seen = "";
        await WaitUntilAsync(async () =>
        {
            var page = await host.Http.GetFromJsonAsync<JsonObject>(
                string.Create(CultureInfo.InvariantCulture, $"/api/v1/alerts?strategy_id={setup.Alarm.StrategyId}&status=ABNORMAL"));
            secondAlert = page!["items"]!.AsArray().Select(i => Text(i!, "id")).FirstOrDefault();
            seen = secondAlert is null ? page.ToJsonString() : (await ActionsAsync(secondAlert)).ToJsonString();
            return secondAlert is not null && (await ActionsAsync(secondAlert)).Any(a => a!["end_time"] is not null);
        }, () => "the second alert's notice is decided; seen " + seen);
        var skipped = (await ActionsAsync(secondAlert!)).Single();
        Assert.Equal(("abnormal", "skipped"), (Text(skipped, "signal"), Text(skipped, "status")));
        Assert.Contains("converged", Text(skipped, "failure_reason"), StringComparison.Ordinal);

        host.Clock.Advance(TimeSpan.FromSeconds(60));
        var summary = (await WaitForNoticesAsync(setup, "", 1, n => n.Markdown!.Contains("converged within", StringComparison.Ordinal))).Single();
        Assert.Contains("1 notice(s) converged", summary.Markdown, StringComparison.Ordinal);
        Assert.Contains(skipped!["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture), summary.Markdown, StringComparison.Ordinal);
        Assert.Single(Notices(setup), n => Parse(n).Signal == "abnormal");
    }

    [Fact]
    public async Task Converge_skip_when_exceed_lets_one_webhook_of_a_strategy_run_and_skips_the_other_alerts()
    {
        var setup = await host.SetUpAsync(actionOptions: ConvergeOn("skip_when_exceed"));
        await PushTwoHostsAsync(setup, "x1", "x2");
        var statuses = await WaitForActionStatusesAsync(setup, s => s.Count == 2 && s.All(Ended));

        Assert.Equal(["skipped", "success"], statuses.Order());
        Assert.Single(host.Receiver.Received, w => w.Path == "/hook" && w.Body["alerts"]?[0]?["labels"]?["strategy_id"]?.GetValue<string>() == $"{setup.StrategyId}");
    }

    [Fact]
    public async Task Converge_skip_when_success_puts_the_second_webhook_to_sleep_until_the_first_succeeded_then_skips_it()
    {
        var setup = await host.SetUpAsync(actionOptions: ConvergeOn("skip_when_success"));
        await PushTwoHostsAsync(setup, "s1", "s2");
        // The second instance sleeps while the first is in flight, or is skipped at once if the first already succeeded.
        await WaitForActionStatusesAsync(setup, s => s.Order().SequenceEqual(["sleep", "success"]) || s.Order().SequenceEqual(["skipped", "success"]));
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        var statuses = await WaitForActionStatusesAsync(setup, s => s.Count == 2 && s.All(Ended));

        Assert.Equal(["skipped", "success"], statuses.Order());
        Assert.Single(host.Receiver.Received, w => w.Path == "/hook" && w.Body["alerts"]?[0]?["labels"]?["strategy_id"]?.GetValue<string>() == $"{setup.StrategyId}");
    }

    private static bool Ended(string status) => status is "success" or "failure" or "skipped";

    [Fact]
    public async Task A_way_without_a_channel_is_a_failed_action_naming_it_while_the_log_channel_delivers()
    {
        var setup = await SetUpAsync(["sms", "log"], """{"need_poll": false}""");
        await host.PushAsync(setup.Alarm, "u1", T0, 95);
        JsonArray actions = [];
        await WaitUntilAsync(async () =>
        {
            var page = await host.Http.GetFromJsonAsync<JsonObject>(
                string.Create(CultureInfo.InvariantCulture, $"/api/v1/alerts?strategy_id={setup.Alarm.StrategyId}"));
            var alertId = page!["items"]!.AsArray().Select(i => Text(i!, "id")).FirstOrDefault();
            actions = alertId is null ? [] : await ActionsAsync(alertId);
            return actions.Count == 2 && actions.All(a => a!["end_time"] is not null);
        }, "both deliveries of the notice have ended");

        var sms = actions.Single(a => Text(a!, "notice_way") == "sms")!;
        Assert.Equal(("failure", "alice"), (Text(sms, "status"), Text(sms, "receiver")));
        Assert.Contains("'sms'", Text(sms, "failure_reason"), StringComparison.Ordinal);
        var log = actions.Single(a => Text(a!, "notice_way") == "log")!;
        Assert.Equal(("success", 1), (Text(log, "status"), log["attempts"]!.GetValue<int>()));
    }
}
