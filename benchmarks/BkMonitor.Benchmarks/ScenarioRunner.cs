using System.Text.Json;

namespace BkMonitor.Benchmarks;

/// <summary>
/// Runs one named scenario; each prints progress lines and then its figures as one JSON object on its
/// last line, with a baseline measured in the same run (the machines are shared and noisy: compare ratios).
/// </summary>
public static class ScenarioRunner
{
    private static readonly Dictionary<string, Func<string[], Task<object>>> All = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ping"] = Scenarios.PingScenario.RunAsync,
        ["activation"] = Scenarios.ActivationScenario.RunAsync,
        ["ping_remote"] = Scenarios.PingRemoteScenario.RunAsync,
        ["failover"] = Scenarios.FailoverScenario.RunAsync,
        ["reminders"] = Scenarios.RemindersScenario.RunAsync,
        ["detect"] = Scenarios.DetectScenario.RunAsync,
        ["streams"] = Scenarios.StreamsScenario.RunAsync,
        ["metadata"] = Scenarios.MetadataScenario.RunAsync,
        ["pipeline"] = Scenarios.PipelineScenario.RunAsync,
        ["alerts_memory"] = Scenarios.AlertsMemoryScenario.RunAsync,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || !All.TryGetValue(args[0], out var run))
        {
            Console.Error.WriteLine($"usage: BkMonitor.Benchmarks <scenario> [options]; scenarios: {string.Join(", ", All.Keys)}");
            return 2;
        }
        var result = await run(args[1..]);
        Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
        return 0;
    }
}
