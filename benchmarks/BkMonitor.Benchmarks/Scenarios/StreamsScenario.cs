using System.Diagnostics;
using BkMonitor.Benchmarks.Grains;
using BkMonitor.Benchmarks.Measurement;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Redis;
using BkMonitor.Runtime.Redis.Hosting;
using BkMonitor.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.Benchmarks.Scenarios;

/// <summary>
/// Events/s end to end (producer call to implicit subscriber grain) through the Redis Streams provider over 1,000
/// keys on one silo, beside two baselines in the same run: the in-memory provider with the same grains and load,
/// and bare XADD/XREADGROUP/XACK through StackExchange.Redis. Producers keep at most <see cref="MaxOutstanding"/>
/// events in flight, so p99 is the latency at saturation.
/// </summary>
public static class StreamsScenario
{
    private const int Keys = 1000;
    private const int Producers = 100;
    private const int EventsPerCall = 10;
    private const int MaxOutstanding = 20_000;
    private const int Queues = 8;

    public static async Task<object> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var duration = TimeSpan.FromSeconds(seconds);
        await using var redis = await BenchRedisServer.StartAsync();

        var raw = await RawRedisStreamsBaseline.RunAsync(redis.Endpoint, Queues, MaxOutstanding, duration);
        Console.WriteLine($"raw XADD/XREADGROUP/XACK: {raw:N0} events/s");
        var memory = await RunProviderAsync(silo => silo.AddMemoryStreams(ProviderNames.DefaultStreams), duration);
        Console.WriteLine($"memory provider: {memory.PerSecond:N0} events/s, p99 {memory.P99Ms} ms");
        var env = "bench" + Guid.NewGuid().ToString("N")[..8];
        var viaRedis = await RunProviderAsync(silo => silo.AddRedisStreams(ProviderNames.DefaultStreams, o =>
        {
            o.Env = env;
            o.Node = new RedisNodeOptions { Name = "streams", ConnectionString = redis.Endpoint };
            o.QueueCount = Queues;
            o.MaxQueueLength = 1_000_000;
        }), duration);
        Console.WriteLine($"redis provider: {viaRedis.PerSecond:N0} events/s, p99 {viaRedis.P99Ms} ms, {viaRedis.Duplicates} duplicates");
        return new
        {
            Scenario = "streams",
            EventsPerS = Math.Round(viaRedis.PerSecond),
            P50Ms = viaRedis.P50Ms,
            P99Ms = viaRedis.P99Ms,
            MemoryEventsPerS = Math.Round(memory.PerSecond),
            MemoryP99Ms = memory.P99Ms,
            RawRedisEventsPerS = Math.Round(raw),
            RatioToMemory = Math.Round(viaRedis.PerSecond / memory.PerSecond, 3),
            RatioToRawRedis = Math.Round(viaRedis.PerSecond / raw, 3),
            DuplicateEvents = viaRedis.Duplicates,
            Keys,
        };
    }

    private sealed record Run(double PerSecond, double P50Ms, double P99Ms, long Duplicates);

    private static async Task<Run> RunProviderAsync(Action<ISiloBuilder> streams, TimeSpan duration)
    {
        var latency = EventLatency.Shared;
        latency.Reset();
        await using var cluster = await TestCluster.StartAsync(o =>
        {
            o.TimeProvider = TimeProvider.System;
            o.ConfigureSilo = streams;
        });
        var provider = cluster.Silos[0].Services.GetRequiredKeyedService<IStreamProvider>(ProviderNames.DefaultStreams);
        var streamsByKey = Enumerable.Range(0, Keys).Select(k => provider.GetStream<BenchEvent>(StreamId.Create(StreamCounterGrain.Namespace, $"k{k}"))).ToArray();
        long produced = 0;
        using var stop = new CancellationTokenSource();
        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            var sequence = new long[Keys];
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                var key = p + (round % (Keys / Producers)) * Producers;
                while (Interlocked.Read(ref produced) - latency.Count > MaxOutstanding && !stop.IsCancellationRequested)
                {
                    await Task.Delay(1);
                }
                var batch = new BenchEvent[EventsPerCall];
                var now = Stopwatch.GetTimestamp();
                for (var i = 0; i < batch.Length; i++) batch[i] = new BenchEvent(now, ++sequence[key]);
                await streamsByKey[key].OnNextBatchAsync(batch);
                Interlocked.Add(ref produced, batch.Length);
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(2));
        latency.ResetHistogram();
        var start = latency.Count;
        var sw = Stopwatch.StartNew();
        await Task.Delay(duration);
        var delivered = latency.Count - start;
        var elapsed = sw.Elapsed.TotalSeconds;
        var run = new Run(delivered / elapsed, latency.PercentileMs(50), latency.PercentileMs(99), latency.Duplicates);
        await stop.CancelAsync();
        await Task.WhenAll(producers);
        return run;
    }
}
