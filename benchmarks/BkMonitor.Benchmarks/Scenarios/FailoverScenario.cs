using System.Collections.Concurrent;
using System.Diagnostics;

using BkMonitor.GrainInterfaces.Diagnostics;
using BkMonitor.Grains.Diagnostics;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Reminders;
using BkMonitor.Runtime.Storage;
using BkMonitor.Runtime.Testing;

namespace BkMonitor.Benchmarks.Scenarios;

/// <summary>
/// Three silos that talk only over TCP (membership table, grain state and reminder table shared in memory), a
/// steady write load and reminders; one silo crashes (heartbeats stop, port closes, activations vanish) and the
/// scenario measures detection, recovery, lost acknowledged writes and missed reminder ticks. The multi-process
/// version on real Redis/PostgreSQL with SIGKILL is the integration test ClusterFailoverTests. Streams are not
/// on the Redis provider yet, so the event figures are null.
/// </summary>
public static class FailoverScenario
{
    private const int Grains = 300;
    private const int ReminderGrains = 100;
    private const int Writers = 8;
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(2);

    public static async Task<object> RunAsync(string[] args)
    {
        GrainTypeRegistry.RegisterAssemblies([typeof(ClusterProbeGrain).Assembly]);
        var table = new InMemoryMembershipTable();
        var storage = new MemoryGrainStorage(ProviderNames.DefaultStorage, new JsonGrainStateSerializer());
        var reminders = new InMemoryReminderTable();
        var silos = new List<NetworkTestSilo>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                silos.Add(await NetworkTestSilo.StartAsync(table, $"silo{i}", silo => silo
                    .AddMemoryGrainStorage(ProviderNames.DefaultStorage, storage)
                    .UseInMemoryReminderService(reminders), o =>
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
            await Task.Delay(ReminderPeriod * 3);

            var victim = silos[2].Silo.Address;
            var killed = Stopwatch.StartNew();
            await silos[2].CrashAsync();
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
                ["lost_events"] = null,
                ["duplicate_events"] = null,
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
