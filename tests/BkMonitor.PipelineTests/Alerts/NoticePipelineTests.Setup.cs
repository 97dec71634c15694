using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BkMonitor.PipelineTests.Hosting;
using static BkMonitor.PipelineTests.Hosting.PipelineHost;

namespace BkMonitor.PipelineTests.Alerts;

/// <summary>Setup and reading helpers of <see cref="NoticePipelineTests"/>.</summary>
public sealed partial class NoticePipelineTests
{
    /// <summary>A data source, a notice action config, a user group notified by <paramref name="ways"/> at level 1, and a strategy whose notice relation uses them.</summary>
    private async Task<NoticeSetup> SetUpAsync(string[] ways, string noticeConfig, string[]? signals = null, string? convergeConfig = null, int? upgradeMinutes = null)
    {
        var (dataId, token, table) = await host.CreateDataSourceAsync();
        using var config = await host.Http.PostAsJsonAsync("/api/v1/action_configs", new { name = "notice", bk_biz_id = 2, plugin_type = "notice" });
        var configId = (await ReadJsonAsync(config, 201))["id"]!.GetValue<int>();
        using var group = await host.Http.PostAsJsonAsync("/api/v1/user_groups", new
        {
            name = "ops", bk_biz_id = 2, users = new[] { "alice" },
            notice_ways = new Dictionary<string, string[]> { ["1"] = ways },
            wxwork_bot_webhook_url = host.Receiver.BotUrl,
        });
        var groupId = (await ReadJsonAsync(group, 201))["id"]!.GetValue<int>();

        var options = new JsonObject();
        if (convergeConfig is not null) options["converge_config"] = JsonNode.Parse(convergeConfig);
        if (upgradeMinutes is { } minutes)
        {
            options["upgrade_config"] = new JsonObject { ["is_enabled"] = true, ["upgrade_interval"] = minutes, ["user_groups"] = new JsonArray(groupId) };
        }
        var notice = JsonNode.Parse(noticeConfig)!.AsObject();
        notice["template"] = new JsonArray(
            new JsonObject { ["signal"] = "abnormal", ["title_tmpl"] = "{{alarm.name}}", ["message_tmpl"] = Message },
            new JsonObject { ["signal"] = "closed", ["title_tmpl"] = "{{alarm.name}}", ["message_tmpl"] = Message });
        var strategy = JsonNode.Parse(StrategyBodies.Threshold(table, count: 1, window: 1))!.AsObject();
        strategy["notice"] = new JsonObject
        {
            ["config_id"] = configId,
            ["user_groups"] = new JsonArray(groupId),
            ["signal"] = new JsonArray([.. (signals ?? ["abnormal"]).Select(s => (JsonNode)s)]),
            ["options"] = options,
            ["config"] = notice,
        };
        using var response = await host.Http.PostAsync("/api/v1/strategies", JsonContent(strategy.ToJsonString()));
        var strategyId = (await ReadJsonAsync(response, 201))["id"]!.GetValue<long>();
        return new NoticeSetup(new AlarmSetup(dataId, token, strategyId, configId));
    }

    /// <summary>Action options converging a strategy's actions on <c>strategy_id</c> with <paramref name="function"/>, count 1.</summary>
    private static JsonObject ConvergeOn(string function) => new()
    {
        ["converge_config"] = new JsonObject
        {
            ["is_enabled"] = true, ["converge_func"] = function, ["timedelta"] = 60, ["count"] = 1,
            ["condition"] = new JsonArray(new JsonObject { ["dimension"] = "strategy_id", ["value"] = new JsonArray("self") }),
        },
    };

    /// <summary>One report with an anomaly on each of two hosts: two alerts of one strategy.</summary>
    private async Task PushTwoHostsAsync(AlarmSetup setup, string first, string second)
    {
        using var push = await host.Http.PostAsync("/v2/push/", JsonContent(Report(setup.DataId, setup.Token, [(first, T0, 95), (second, T0, 96)])));
        await ReadJsonAsync(push, 200);
    }

    /// <summary>Waits until the statuses of all action instances of the strategy's alerts satisfy <paramref name="done"/>.</summary>
    private async Task<List<string>> WaitForActionStatusesAsync(AlarmSetup setup, Func<List<string>, bool> done)
    {
        var statuses = new List<string>();
        await WaitUntilAsync(async () =>
        {
            var page = await host.Http.GetFromJsonAsync<JsonObject>($"/api/v1/alerts?strategy_id={setup.StrategyId}");
            statuses.Clear();
            foreach (var alert in page!["items"]!.AsArray())
            {
                statuses.AddRange((await ActionsAsync(Text(alert, "id"))).Select(a => Text(a, "status")));
            }
            return done(statuses);
        }, () => "the actions reach the expected statuses; seen " + string.Join(",", statuses));
        return statuses;
    }

    /// <summary>Robot messages of this setup's strategy, in arrival order.</summary>
    private IReadOnlyList<ReceivedWebhook> Notices(NoticeSetup setup) => [.. host.Receiver.Received.Where(setup.Owns)];

    /// <summary>Waits for <paramref name="count"/> robot messages of the strategy with <paramref name="signal"/> (or matching <paramref name="match"/>).</summary>
    private async Task<IReadOnlyList<ReceivedWebhook>> WaitForNoticesAsync(
        NoticeSetup setup, string signal, int count, Func<ReceivedWebhook, bool>? match = null)
    {
        bool Wanted(ReceivedWebhook n) => match?.Invoke(n) ?? (setup.Owns(n) && Parse(n).Signal == signal);
        var all = await host.Receiver.WaitForAsync(r => r.Count(n => n.Path == "/bot" && Wanted(n)) >= count);
        return [.. all.Where(n => n.Path == "/bot" && Wanted(n))];
    }

    private async Task<JsonObject> AlertAsync(string alertId) =>
        (await host.Http.GetFromJsonAsync<JsonObject>($"/api/v1/alerts/{alertId}"))!;

    private async Task<JsonArray> ActionsAsync(string alertId) =>
        (await host.Http.GetFromJsonAsync<JsonArray>($"/api/v1/alerts/{alertId}/actions"))!;

    /// <summary>The alert's action instances once <paramref name="count"/> of them exist and all have ended.</summary>
    private async Task<JsonArray> EndedActionsAsync(string alertId, int count)
    {
        JsonArray actions = [];
        await WaitUntilAsync(async () =>
        {
            actions = await ActionsAsync(alertId);
            return actions.Count == count && actions.All(a => a!["end_time"] is not null);
        }, () => $"{count} actions of alert {alertId} have ended; seen {actions.ToJsonString()}");
        return actions;
    }

    /// <summary>Re-reads state the grains own until <paramref name="done"/>: progress is awaited, never slept on.</summary>
    private static Task WaitUntilAsync(Func<Task<bool>> done, string what) => WaitUntilAsync(done, () => what);

    private static async Task WaitUntilAsync(Func<Task<bool>> done, Func<string> what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what()}");
            await Task.Yield();
        }
    }

    private static string Text(JsonNode? node, string field) => node?[field]?.GetValue<string>() ?? "";

    private static (string AlertId, string Signal, string StrategyId) Parse(ReceivedWebhook notice)
    {
        var m = NoticeLine().Match(notice.Markdown ?? "");
        return m.Success ? (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value) : ("", "", "");
    }

    [GeneratedRegex(@"alert=(\d+) signal=(\w+) strategy=(\d+)")]
    private static partial Regex NoticeLine();

    private sealed record NoticeSetup(AlarmSetup Alarm)
    {
        public bool Owns(ReceivedWebhook notice) =>
            notice.Path == "/bot" && Parse(notice).StrategyId == Alarm.StrategyId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
