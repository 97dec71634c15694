using System.Text.Json.Nodes;
using BkMonitor.GrainInterfaces.Detect;
using static BkMonitor.PipelineTests.Hosting.PipelineHost;

namespace BkMonitor.PipelineTests.Alerts;

/// <summary>REST reads and webhook waits the alarm pipeline tests share.</summary>
public static class AlarmHostRequests
{
    /// <summary>Waits until the receiver holds at least <paramref name="count"/> webhooks of the setup's strategy; returns them in arrival order.</summary>
    public static async Task<IReadOnlyList<ReceivedWebhook>> WaitForWebhooksAsync(this AlarmHost host, AlarmSetup setup, int count)
    {
        bool Mine(ReceivedWebhook w) => w.Body["alerts"]![0]!["labels"]!["strategy_id"]!.GetValue<string>() == $"{setup.StrategyId}";
        var all = await host.Receiver.WaitForAsync(r => r.Count(Mine) >= count);
        return [.. all.Where(Mine)];
    }

    /// <summary>Waits until the strategy's detect grain has handled <paramref name="records"/> data points.</summary>
    public static Task DetectedAsync(this AlarmHost host, long strategyId, long records)
    {
        var detect = host.Cluster.GrainFactory.GetGrain<IDetectGrain>(strategyId);
        return host.UntilAsync(async () => (await detect.GetStatsAsync()).Records >= records, $"strategy {strategyId}'s detect handled {records} records");
    }

    /// <summary>Polls <paramref name="done"/> until it holds (30 s bound; the message names what did not happen).</summary>
    public static async Task UntilAsync(this AlarmHost host, Func<Task<bool>> done, string what)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await done())
        {
            try
            {
                await Task.Delay(10, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"timed out waiting until {what}");
            }
        }
    }

    public static async Task<JsonObject> GetJsonAsync(this AlarmHost host, string path)
    {
        using var response = await host.Http.GetAsync(path);
        return await ReadJsonAsync(response, 200);
    }

    public static async Task<JsonArray> GetArrayAsync(this AlarmHost host, string path)
    {
        using var response = await host.Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!.AsArray();
    }
}
