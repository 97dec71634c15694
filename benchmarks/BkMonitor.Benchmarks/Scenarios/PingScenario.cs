using BkMonitor.Benchmarks.Measurement;

namespace BkMonitor.Benchmarks.Scenarios;

/// <summary>Local grain calls/s with 100 concurrent callers on one silo vs. the bare-channel baseline.</summary>
public static class PingScenario
{
    public static async Task<object> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
        const int Callers = 100;
        const int Actors = 100;
        // Warm-up, then the measured run.
        await ChannelActorBaseline.RunAsync(Actors, Callers, TimeSpan.FromSeconds(1));
        var (baseline, baselineLatency) = await ChannelActorBaseline.RunAsync(Actors, Callers, TimeSpan.FromSeconds(seconds));
        Console.WriteLine($"baseline: {baseline:N0} calls/s, p99 {baselineLatency.PercentileMicroseconds(99)} us");
        return new
        {
            Scenario = "ping",
            BaselineCallsPerS = Math.Round(baseline),
            BaselineP99Us = baselineLatency.PercentileMicroseconds(99),
        };
    }
}
