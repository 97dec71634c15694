using System.Collections.Concurrent;
using System.Diagnostics;

using BkMonitor.GrainInterfaces.Diagnostics;
using BkMonitor.Grains.Diagnostics;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Reminders;
using BkMonitor.Runtime.Storage;
using BkMonitor.Runtime.Testing;
using BkMonitor.Benchmarks.Measurement;
using BkMonitor.Runtime.Redis;
using BkMonitor.Runtime.Redis.Connections;
using BkMonitor.Runtime.Redis.Hosting;
using BkMonitor.Runtime.Redis.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.Benchmarks.Scenarios;

/// <summary>
/// Three silos that talk only over TCP (membership table, grain state and reminder table shared in memory; streams
/// on the Redis Streams provider over a real redis-server), a steady write load, reminders and a steady stream of
/// numbered events over 500 keys; one silo crashes (heartbeats stop, port closes, activations vanish, its stream
/// agents stop without acknowledging) and the scenario measures detection, recovery, lost acknowledged writes,
/// missed reminder ticks, and stream events never consumed (lost) or consumed again and dropped (duplicates). The
/// multi-process version on real Redis/PostgreSQL with SIGKILL is the integration test ClusterFailoverTests.
/// </summary>
public static class FailoverScenario
{
    private const int Grains = 300;
    private const int ReminderGrains = 100;
    private const int Writers = 8;
    private const int StreamKeys = 500;
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan StreamRound = TimeSpan.FromMilliseconds(200);

    public static async Task<object> RunAsync(string[] args)
    {
        GrainTypeRegistry.RegisterAssemblies([typeof(ClusterProbeGrain).Assembly]);
        var table = new InMemoryMembershipTable();
        var storage = new MemoryGrainStorage(ProviderNames.DefaultStorage, new JsonGrainStateSerializer());
        var reminders = new InMemoryReminderTable();
        var silos = new List<NetworkTestSilo>();
        await using var redis = await BenchRedisServer.StartAsync();
        var env = "failover" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            for (var i = 0; i < 3; i++)
            {
                silos.Add(await NetworkTestSilo.StartAsync(table, $"silo{i}", silo => silo
                    .AddMemoryGrainStorage(ProviderNames.DefaultStorage, storage)
                    .UseInMemoryReminderService(reminders)
                    .AddRedisStreams(ProviderNames.DefaultStreams, o =>
                    {
                        o.Env = env;
                        o.Node = new RedisNodeOptions { Name = "streams", ConnectionString = redis.Endpoint };
                    }), o =>
                    {
                        o.HeartbeatPeriod = o.TableRefreshPeriod = TimeSpan.FromMilliseconds(250);
                        o.SuspectAfter = TimeSpan.FromSeconds(1.5);
                        o.DeclareDeadAfter = TimeSpan.FromSeconds(3);
                        o.ProbeTimeout = TimeSpan.FromMilliseconds(500);
                    }));
            }
            while (silos.Any(s => s.Silo.SiloRing.Silos.Count < 3))
            {
                await Task.Delay(20);
            }
            var client = silos[0].GrainFactory;
            for (long id = 0; id < ReminderGrains; id++)
            {
                await client.GetGrain<IClusterProbeGrain>(id).StartReminder((int)ReminderPeriod.TotalSeconds);
            }
            var acked = new ConcurrentDictionary<long, long>();
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(silos[w % 2].GrainFactory, w, acked, stop.Token))).ToArray();
            var produced = new long[StreamKeys];
            var events = Task.Run(() => ProduceAsync(silos[0].Silo.Services.GetRequiredKeyedService<IStreamProvider>(ProviderNames.DefaultStreams), produced, stop.Token));
            await Task.Delay(ReminderPeriod * 3);

            var victim = silos[2].Silo.Address;
            var killed = Stopwatch.StartNew();
            await silos[2].CrashAsync();
            using (var now = new CancellationTokenSource())
            {
                // A crashed process acknowledges nothing more: its agents stop at once, their batches stay pending.
                await now.CancelAsync();
                await silos[2].Silo.Services.GetRequiredKeyedService<RedisStreamProvider>(ProviderNames.DefaultStreams).StopAsync(now.Token);
            }
            Console.WriteLine($"crashed {victim}");
            while (silos[0].Silo.SiloRing.Silos.Contains(victim) || silos[1].Silo.SiloRing.Silos.Contains(victim))
            {
                await Task.Delay(10);
            }
            var detect = killed.Elapsed.TotalSeconds;
            var recovered = await Task.WhenAll(Enumerable.Range(0, Grains).Select(id => FirstAnswer(client, id, killed)));
            var recover = recovered.Max();
            Console.WriteLine($"detected after {detect:0.00} s, all grains answer after {recover:0.00} s");
            await Task.Delay(ReminderPeriod * 3);
            await stop.CancelAsync();
            await Task.WhenAll(load);
            await events;
            var (lostEvents, duplicateEvents) = await ConsumedAsync(client, produced);
            Console.WriteLine($"events produced {produced.Sum()}, lost {lostEvents}, duplicates dropped {duplicateEvents}");

            var lostWrites = 0;
            var missedTicks = 0;
            for (long id = 0; id < Grains; id++)
            {
                var state = await client.GetGrain<IClusterProbeGrain>(id).Ping();
                if (state.Count < acked.GetValueOrDefault(id)) lostWrites++;
                for (var t = 1; t < state.Ticks.Count; t++)
                {
                    missedTicks += Math.Max(0, (int)Math.Round((state.Ticks[t] - state.Ticks[t - 1]) / ReminderPeriod.TotalMilliseconds) - 1);
                }
            }
            return new Dictionary<string, object?>
            {
                ["scenario"] = "failover",
                ["detect_s"] = Math.Round(detect, 2),
                ["recover_s"] = Math.Round(recover, 2),
                ["lost_events"] = lostEvents,
                ["duplicate_events"] = duplicateEvents,
                ["produced_events"] = produced.Sum(),
                ["missed_reminder_ticks"] = missedTicks,
                ["lost_writes"] = lostWrites,
                ["acknowledged_writes"] = acked.Values.Sum(),
            };
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }

    private static async Task WriteAsync(IGrainFactory grains, int worker, ConcurrentDictionary<long, long> acked, CancellationToken stop)
    {
        for (var round = worker; !stop.IsCancellationRequested; round += Writers)
        {
            var id = round % Grains;
            try
            {
                var count = await grains.GetGrain<IClusterProbeGrain>(id).Increment();
                acked.AddOrUpdate(id, count, (_, old) => Math.Max(old, count));
            }
            catch (Exception ex) when (ex is SiloUnavailableException or GrainCallTimeoutException or InconsistentStateException)
            {
                // Not acknowledged: the write may or may not have happened, and is not counted.
            }
        }
    }

    /// <summary>Every <see cref="StreamRound"/>, the next number on each key; a number not accepted goes again next round.</summary>
    private static async Task ProduceAsync(IStreamProvider streams, long[] produced, CancellationToken stop)
    {
        var keys = Enumerable.Range(0, produced.Length).Select(k => streams.GetStream<ClusterProbeEvent>(StreamId.Create(ClusterProbeEvent.Namespace, k))).ToArray();
        while (!stop.IsCancellationRequested)
        {
            await Task.WhenAll(keys.Select(async (stream, k) =>
            {
                try
                {
                    await stream.OnNextAsync(new ClusterProbeEvent(produced[k] + 1));
                    produced[k]++;
                }
                catch (Exception ex) when (ex is RedisUnavailableException or QueueFullException)
                {
                    // Not accepted: sent again (a consumer drops a copy that did arrive as a repeat).
                }
            }));
            try
            {
                await Task.Delay(StreamRound, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Waits (up to 60 s) until every key consumed its last number; lost = numbers never consumed, duplicates = repeats dropped.</summary>
    private static async Task<(long Lost, long Duplicates)> ConsumedAsync(IGrainFactory grains, long[] produced)
    {
        var states = new ClusterProbeState[produced.Length];
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            for (var k = 0; k < produced.Length; k++)
            {
                if (states[k] is null || states[k].LastEvent < produced[k])
                {
                    states[k] = await grains.GetGrain<IClusterProbeGrain>(k).Ping();
                }
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(60) || states.Select((s, k) => s.LastEvent >= produced[k]).All(x => x)) break;
            await Task.Delay(250);
        }
        long lost = 0, duplicates = 0;
        for (var k = 0; k < produced.Length; k++)
        {
            lost += Math.Max(0, produced[k] - states[k].LastEvent) + states[k].SkippedEvents;
            duplicates += states[k].DuplicateEvents;
        }
        return (lost, duplicates);
    }

    private static async Task<double> FirstAnswer(IGrainFactory grains, long id, Stopwatch sinceKill)
    {
        while (sinceKill.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                await grains.GetGrain<IClusterProbeGrain>(id).Ping();
                return sinceKill.Elapsed.TotalSeconds;
            }
            catch (Exception ex) when (ex is SiloUnavailableException or GrainCallTimeoutException)
            {
                await Task.Delay(20);
            }
        }
        return sinceKill.Elapsed.TotalSeconds;
    }

}
