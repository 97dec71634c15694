using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using BkMonitor.IntegrationTests.Fixtures;
using BkMonitor.IntegrationTests.Redis;
using Xunit.Abstractions;

namespace BkMonitor.IntegrationTests.Cluster;

/// <summary>Three silo processes survive a Redis crash and restart (append-only file, fsync always) mid-run.</summary>
public sealed class ClusterRedisRestartTests(DurableRedisFixture redis, PostgresServerFixture postgres, ITestOutputHelper output)
    : IClassFixture<DurableRedisFixture>, IClassFixture<PostgresServerFixture>
{
    private const int Grains = 30;

    [Fact]
    public async Task Cluster_serves_every_grain_again_after_redis_restarts_without_losing_acknowledged_writes()
    {
        var clusterId = $"r{Guid.NewGuid():N}"[..13];
        var silos = new List<ClusterSiloProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                silos.Add(await ClusterSiloProcess.StartAsync($"silo{i}", clusterId, $"127.0.0.1:{redis.Port}", postgres.ConnectionString));
            }
            await ClusterProbeClient.WaitForThreeSilos(silos, silos[0], Grains);
            var acked = new ConcurrentDictionary<long, long>();
            using var stopLoad = new CancellationTokenSource();
            var load = Task.Run(() => ClusterProbeClient.WriteLoad([.. silos], acked, Grains, stopLoad.Token));
            await WaitForAcknowledgedWritesAsync(acked, 20);

            await redis.StopAsync();
            // The outage itself: how long Redis stays down is the scenario, not a synchronisation.
            await Task.Delay(TimeSpan.FromSeconds(2));
            await redis.StartAsync();
            var restarted = Stopwatch.StartNew();
            var recovered = await Task.WhenAll(Enumerable.Range(0, Grains).Select(id => ClusterProbeClient.FirstSuccessfulPing(silos[id % 3], id, restarted)));
            await WaitForAcknowledgedWritesAsync(acked, acked.Values.Sum() + 20);
            await stopLoad.CancelAsync();
            await load;

            Assert.True(recovered.Max() <= 10, $"the last grain answered {recovered.Max():0.0} s after Redis came back");
            Assert.All(silos, s => Assert.False(s.HasExited, $"{s.Name} exited:\n{s.Output}"));
            var lost = new List<string>();
            for (long id = 0; id < Grains; id++)
            {
                var state = (await silos[0].Http.GetFromJsonAsync<ClusterProbeClient.ProbeState>($"_probe/{id}/ping"))!;
                if (state.Count < acked.GetValueOrDefault(id)) lost.Add($"grain {id}: {state.Count} < acknowledged {acked[id]}");
            }
            output.WriteLine($"recover_s {recovered.Max():0.00}, acknowledged writes {acked.Values.Sum()}");
            Assert.Empty(lost);
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }

    /// <summary>Waits (bounded) until the write load has had at least <paramref name="total"/> writes acknowledged.</summary>
    private static async Task WaitForAcknowledgedWritesAsync(ConcurrentDictionary<long, long> acked, long total)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (acked.Values.Sum() < total)
        {
            await Task.Delay(50, deadline.Token);
        }
    }
}
