using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using BkMonitor.IntegrationTests.Fixtures;
using Xunit.Abstractions;

namespace BkMonitor.IntegrationTests.Cluster;

/// <summary>
/// Three silo processes on real Redis and PostgreSQL; one is SIGKILLed mid-run. Its grains must be callable
/// again within 10 s, no acknowledged write may be lost, its reminders keep ticking on the survivors, and every
/// event of a steady stream load over 500 keys (through the Redis Streams provider) is consumed at least once,
/// repeats counted and dropped by the consumers.
/// </summary>
public sealed class ClusterFailoverTests(RedisServerFixture redis, PostgresServerFixture postgres, ITestOutputHelper output)
    : IClassFixture<RedisServerFixture>, IClassFixture<PostgresServerFixture>
{
    private const int Grains = 60;
    private const int ReminderGrains = 30;
    private const int ReminderPeriodSeconds = 5;
    private const int StreamKeys = 500;
    private static readonly TimeSpan StreamRound = TimeSpan.FromMilliseconds(500);

    private string RedisEndpoint => $"127.0.0.1:{redis.Port}";

    [Fact]
    public async Task Killed_silo_grains_recover_within_10_s_without_losing_acknowledged_writes_reminder_ticks_or_stream_events()
    {
        var clusterId = $"c{Guid.NewGuid():N}"[..13];
        var silos = new List<ClusterSiloProcess>();
        var (streamServices, streamQueues) = await ClusterProbeClient.StreamQueuesAsync(RedisEndpoint);
        await using var _ = streamServices;
        try
        {
            for (var i = 0; i < 3; i++)
            {
                silos.Add(await ClusterSiloProcess.StartAsync($"silo{i}", clusterId, RedisEndpoint, postgres.ConnectionString));
            }
            var (client, victim) = (silos[0], silos[2]);
            var hosts = await ClusterProbeClient.WaitForThreeSilos(silos, client, Grains);
            var acked = new ConcurrentDictionary<long, long>();
            for (long id = 0; id < Grains; id++)
            {
                acked[id] = (await ClusterProbeClient.Increment(silos[(int)(id % 3)], id))!.Value;
            }
            for (long id = 0; id < ReminderGrains; id++)
            {
                (await silos[(int)(id % 3)].Http.PostAsync($"_probe/{id}/reminder?period={ReminderPeriodSeconds}", null)).EnsureSuccessStatusCode();
            }
            var onVictim = hosts.Where(h => h.Value.StartsWith($"127.0.0.1:{victim.SiloPort}@", StringComparison.Ordinal)).Select(h => h.Key).ToList();
            Assert.NotEmpty(onVictim);

            // Steady writes through the survivors while the victim dies.
            using var stopLoad = new CancellationTokenSource();
            var load = Task.Run(() => ClusterProbeClient.WriteLoad([silos[0], silos[1]], acked, Grains, stopLoad.Token));
            var produced = new long[StreamKeys];
            var events = Task.Run(() => ClusterProbeClient.StreamLoad(streamQueues, produced, StreamRound, stopLoad.Token));
            await Task.Delay(TimeSpan.FromSeconds(ReminderPeriodSeconds * 2 + 1));

            victim.Kill();
            var killedAt = Stopwatch.StartNew();
            var killedAtUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var recovered = await Task.WhenAll(Enumerable.Range(0, Grains).Select(id => ClusterProbeClient.FirstSuccessfulPing(client, id, killedAt)));
            var recoverSeconds = recovered.Max();
            Assert.True(recoverSeconds <= 10, $"the last grain answered {recoverSeconds:0.0} s after the kill.\n{client.Output}");

            await Task.Delay(TimeSpan.FromSeconds(ReminderPeriodSeconds * 3));
            await stopLoad.CancelAsync();
            await load;
            await events;
            var consumed = await ClusterProbeClient.WaitForEvents(client, produced, TimeSpan.FromSeconds(60));

            var maxGap = 0L;
            var lost = new List<string>();
            var missed = new List<string>();
            for (long id = 0; id < Grains; id++)
            {
                var state = (await client.Http.GetFromJsonAsync<ClusterProbeClient.ProbeState>($"_probe/{id}/ping"))!;
                if (state.Count < acked[id]) lost.Add($"grain {id}: {state.Count} < acknowledged {acked[id]}");
                if (id >= ReminderGrains) continue;
                Assert.True(state.Ticks.Count >= 3, $"grain {id} has only {state.Ticks.Count} reminder ticks");
                Assert.True(state.Ticks[^1] > killedAtUnixMs + 5_000, $"grain {id}: no reminder tick after the failover");
                for (var t = 1; t < state.Ticks.Count; t++)
                {
                    var gap = state.Ticks[t] - state.Ticks[t - 1];
                    maxGap = Math.Max(maxGap, gap);
                    var skipped = (int)(gap / (ReminderPeriodSeconds * 1000.0 + 500));
                    if (skipped > 1) missed.Add($"grain {id}: {gap} ms between ticks {t - 1} and {t}");
                }
            }
            var lostEvents = new List<string>();
            for (var k = 0; k < StreamKeys; k++)
            {
                var state = consumed[k];
                if (state is null || state.LastEvent < produced[k] || state.SkippedEvents > 0)
                {
                    lostEvents.Add($"key {k}: produced 1..{produced[k]}, consumed up to {state?.LastEvent}, skipped {state?.SkippedEvents}");
                }
            }
            var duplicates = consumed.Sum(s => s?.DuplicateEvents ?? 0);
            output.WriteLine($"grains on victim {onVictim.Count}, recover_s {recoverSeconds:0.00}, acknowledged writes {acked.Values.Sum()}, max reminder gap {maxGap} ms, " +
                $"events produced {produced.Sum()}, duplicates dropped {duplicates}");
            Assert.Empty(lost);
            Assert.Empty(missed);
            Assert.True(lostEvents.Count == 0, string.Join("\n", lostEvents.Take(20)) + "\n" + string.Join("\n---\n", silos.Select(s => $"{s.Name}:\n{StreamLines(s.Output)}")));
            Assert.True(produced.All(p => p > 10), $"only {produced.Min()} events produced on some key");
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            throw new InvalidOperationException($"{ex.Message}\n{string.Join("\n---\n", silos.Select(s => $"{s.Name}:\n{s.Output}"))}", ex);
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }

    private static string StreamLines(string output)
        => string.Join("\n", output.Split('\n').Where(l => l.Contains("stream", StringComparison.OrdinalIgnoreCase) || l.Contains("fail", StringComparison.OrdinalIgnoreCase)).TakeLast(40));

    [Fact]
    public async Task Unreachable_redis_at_start_fails_with_the_endpoint_and_a_non_zero_exit()
    {
        var deadPort = ServerProcess.FreePort();
        await using var silo = await ClusterSiloProcess.StartAsync("lonely", new Dictionary<string, string>
        {
            ["BKMONITOR_REDIS__NODES"] = $$"""[{"name":"default","connectionString":"127.0.0.1:{{deadPort}},connectTimeout=1000","isDefault":true}]""",
            ["BKMONITOR_POSTGRES__CONNECTIONSTRING"] = postgres.ConnectionString,
        }, waitUntilListening: false);

        var exit = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exit);
        Assert.Contains($"127.0.0.1:{deadPort}", silo.Output, StringComparison.Ordinal);
        Assert.Contains("failed to start", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_postgres_at_start_fails_with_the_endpoint_and_a_non_zero_exit()
    {
        var deadPort = ServerProcess.FreePort();
        await using var silo = await ClusterSiloProcess.StartAsync("lonely", new Dictionary<string, string>
        {
            ["BKMONITOR_CLUSTER_ID"] = $"c{Guid.NewGuid():N}"[..13],
            ["BKMONITOR_REDIS__NODES"] = $$"""[{"name":"default","connectionString":"{{RedisEndpoint}}","isDefault":true}]""",
            ["BKMONITOR_POSTGRES__CONNECTIONSTRING"] = $"Host=127.0.0.1;Port={deadPort};Username=x;Password=x;Database=x;Timeout=2",
        }, waitUntilListening: false);

        var exit = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exit);
        Assert.Contains($"127.0.0.1:{deadPort}", silo.Output, StringComparison.Ordinal);
    }
}
