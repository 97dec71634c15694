using System.Diagnostics;
using System.Globalization;
using BkMonitor.GrainInterfaces.Metadata;
using BkMonitor.Grains.Hosting;
using BkMonitor.Grains.Metadata;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.Benchmarks.Scenarios;

/// <summary>
/// Data source lookups/s on one silo, 100 concurrent callers over 100 data sources: through the grain
/// (<c>IDataSourceGrain.GetAsync</c>, the path of the REST gateway) and through the silo's published-change cache
/// (the path of ingest). Baseline in the same run: the same lookups, same callers, on a plain dictionary.
/// </summary>
public static class MetadataScenario
{
    private const int Callers = 100;
    private const int DataSources = 100;

    public static async Task<object> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var duration = TimeSpan.FromSeconds(seconds);
        await using var cluster = await TestCluster.StartAsync(o =>
        {
            o.TimeProvider = TimeProvider.System;
            o.ConfigureSilo = silo => silo.AddMemoryGrainStorage().UseInMemoryReminderService().AddMemoryStreams().AddBkMonitorGrains();
        });
        var infos = await CreateAsync(cluster.GrainFactory);
        var grains = infos.Select(i => cluster.GrainFactory.GetGrain<IDataSourceGrain>(i.BkDataId)).ToArray();
        var cache = cluster.Silos[0].Services.GetRequiredService<DataSourceCache>();
        var dictionary = infos.ToDictionary(i => i.BkDataId);
        var ids = infos.Select(i => i.BkDataId).ToArray();

        await RunAsync(w => Found(dictionary, ids[w % ids.Length]), TimeSpan.FromSeconds(1));
        var baseline = await RunAsync(w => Found(dictionary, ids[w % ids.Length]), duration);
        Console.WriteLine($"baseline (dictionary): {baseline:N0} lookups/s");

        await RunAsync(w => grains[w % grains.Length].GetAsync(), TimeSpan.FromSeconds(1));
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        var throughGrain = await RunAsync(w => grains[w % grains.Length].GetAsync(), duration);
        var allocatedPerLookup = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (throughGrain * sw.Elapsed.TotalSeconds);
        Console.WriteLine($"grain: {throughGrain:N0} lookups/s, {allocatedPerLookup:N0} bytes allocated per lookup");

        var throughCache = await RunAsync(w => cache.GetAsync(cluster.GrainFactory, ids[w % ids.Length]).AsTask(), duration);
        Console.WriteLine($"silo cache: {throughCache:N0} lookups/s");
        return new
        {
            Scenario = "metadata",
            LookupsPerS = Math.Round(throughGrain),
            TargetLookupsPerS = 200_000,
            BaselineLookupsPerS = Math.Round(baseline),
            Ratio = Math.Round(throughGrain / baseline, 4),
            CacheLookupsPerS = Math.Round(throughCache),
            AllocatedBytesPerLookup = Math.Round(allocatedPerLookup),
        };
    }

    private static async Task<DataSourceInfo[]> CreateAsync(IGrainFactory grains)
    {
        var allocator = grains.GetGrain<IDataIdAllocatorGrain>(IDataIdAllocatorGrain.GlobalKey);
        var created = new DataSourceInfo[DataSources];
        for (var i = 0; i < DataSources; i++)
        {
            var request = new CreateDataSourceRequest
            {
                BkBizId = 2, DataName = $"bench {i}", EtlConfig = "bk_standard_v2_time_series", DataTypeLabel = "time_series",
            };
            var id = (await allocator.AllocateAsync(request)).BkDataId ?? throw new InvalidOperationException("allocation failed");
            created[i] = await grains.GetGrain<IDataSourceGrain>(id).CreateAsync(request);
        }
        return created;
    }

    private static Task<DataSourceInfo?> Found(Dictionary<int, DataSourceInfo> dictionary, int id) =>
        Task.FromResult(dictionary.TryGetValue(id, out var info) ? info : null);

    /// <summary><see cref="Callers"/> concurrent callers, caller w running <paramref name="lookup"/>(w) in a loop; lookups/s.</summary>
    private static async Task<double> RunAsync(Func<int, Task<DataSourceInfo?>> lookup, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        long total = 0;
        var sw = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Callers).Select(w => Task.Run(async () =>
        {
            long n = 0;
            while (!stop.IsCancellationRequested)
            {
                if (await lookup(w) is null) throw new InvalidOperationException("a created data source was not found");
                n++;
            }
            Interlocked.Add(ref total, n);
        })).ToArray();
        await Task.WhenAll(workers);
        return total / sw.Elapsed.TotalSeconds;
    }
}
