using System.Diagnostics;
using BkMonitor.Benchmarks.Grains;
using BkMonitor.Benchmarks.Measurement;
using BkMonitor.Runtime.Testing;

namespace BkMonitor.Benchmarks.Scenarios;

/// <summary>Local grain calls/s with 100 concurrent callers on one silo vs. the bare-channel baseline in the same run.</summary>
public static class PingScenario
{
    private const int Callers = 100;
    private const int Actors = 100;

    public static async Task<object> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var duration = TimeSpan.FromSeconds(seconds);

        await ChannelActorBaseline.RunAsync(Actors, Callers, TimeSpan.FromSeconds(1));
        var (baseline, baselineLatency) = await ChannelActorBaseline.RunAsync(Actors, Callers, duration);
        Console.WriteLine($"baseline: {baseline:N0} calls/s, p99 {baselineLatency.PercentileMicroseconds(99)} us");

        await using var cluster = await TestCluster.StartAsync(o => o.TimeProvider = TimeProvider.System);
        await RunGrainsAsync(cluster, TimeSpan.FromSeconds(1));
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var (calls, callsPerSecond, latency) = await RunGrainsAsync(cluster, duration);
        var allocatedPerCall = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)calls;
        Console.WriteLine($"grains: {callsPerSecond:N0} calls/s, p99 {latency.PercentileMicroseconds(99)} us");
        return new
        {
            Scenario = "ping",
            CallsPerS = Math.Round(callsPerSecond),
            BaselineCallsPerS = Math.Round(baseline),
            Ratio = Math.Round(callsPerSecond / baseline, 3),
            P50Us = latency.PercentileMicroseconds(50),
            P99Us = latency.PercentileMicroseconds(99),
            AllocatedBytesPerCall = Math.Round(allocatedPerCall),
        };
    }

    private static Task<(long Calls, double PerSecond, LatencyRecorder Latency)> RunGrainsAsync(TestCluster cluster, TimeSpan duration)
        => RunCallersAsync(Enumerable.Range(0, Actors).Select(i => cluster.GrainFactory.GetGrain<IPingGrain>(i)).ToArray(), duration);

    /// <summary><see cref="Callers"/> concurrent callers, caller w calling grains[w % grains.Length], for <paramref name="duration"/>.</summary>
    internal static async Task<(long Calls, double PerSecond, LatencyRecorder Latency)> RunCallersAsync(IPingGrain[] grains, TimeSpan duration)
    {
        var latency = new LatencyRecorder(Callers, 200_000);
        using var stop = new CancellationTokenSource(duration);
        long total = 0;
        var sw = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Callers).Select(w => Task.Run(async () =>
        {
            long n = 0;
            var grain = grains[w % grains.Length];
            while (!stop.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                await grain.Ping(1);
                latency.Record(w, Stopwatch.GetTimestamp() - start);
                n++;
            }
            Interlocked.Add(ref total, n);
        })).ToArray();
        await Task.WhenAll(workers);
        return (total, total / sw.Elapsed.TotalSeconds, latency);
    }
}
