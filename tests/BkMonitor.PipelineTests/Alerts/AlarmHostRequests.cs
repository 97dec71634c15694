using System.Text.Json.Nodes;
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
