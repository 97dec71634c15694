using System.Diagnostics;
using BkMonitor.Benchmarks.Grains;
using BkMonitor.Runtime.Testing;

namespace BkMonitor.Benchmarks.Scenarios;

/// <summary>
/// Activations/s and retained memory per idle activation for N grains (default 100,000). Baseline in the
/// same run: creating the same number of bare objects holding the same state in a dictionary.
/// </summary>
public static class ActivationScenario
{
    public static async Task<object> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        await using var cluster = await TestCluster.StartAsync(o => o.TimeProvider = TimeProvider.System);
        await cluster.GrainFactory.GetGrain<IPingGrain>(-1).Ping(1);

        var before = RetainedBytes();
        var sw = Stopwatch.StartNew();
        const int Parallelism = 64;
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (i, _) => await cluster.GrainFactory.GetGrain<IPingGrain>(i).Ping(1));
        var elapsed = sw.Elapsed.TotalSeconds;
        var after = RetainedBytes();
        var perActivation = (after - before) / (double)count;

        var baseline = BaselineBytesPerEntry(count);
        Console.WriteLine($"{count:N0} activations in {elapsed:N2} s; {perActivation:N0} bytes each (baseline {baseline:N0})");
        GC.KeepAlive(cluster);
        return new
        {
            Scenario = "activation",
            Activations = count,
            ActivationsPerS = Math.Round(count / elapsed),
            BytesPerActivation = Math.Round(perActivation),
            BaselineBytesPerEntry = Math.Round(baseline),
        };
    }

    private static long RetainedBytes()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private sealed class Entry
    {
        public int Total;
    }

    private static double BaselineBytesPerEntry(int count)
    {
        var before = RetainedBytes();
        var map = new Dictionary<long, Entry>();
        for (var i = 0; i < count; i++) map[i] = new Entry { Total = 1 };
        var after = RetainedBytes();
        GC.KeepAlive(map);
        return (after - before) / (double)count;
    }
}
