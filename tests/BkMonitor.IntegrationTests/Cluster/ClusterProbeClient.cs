using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace BkMonitor.IntegrationTests.Cluster;

/// <summary>Drives probe grains of a silo cluster through the test-only endpoints.</summary>
internal static class ClusterProbeClient
{
    /// <summary>Pings grains until they are spread over all three silos; returns grain id → hosting silo.</summary>
    public static async Task<Dictionary<long, string>> WaitForThreeSilos(List<ClusterSiloProcess> silos, ClusterSiloProcess client, int grains)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var hosts = new Dictionary<long, string>();
            for (long id = 0; id < grains; id++)
            {
                hosts[id] = (await client.Http.GetFromJsonAsync<ProbeState>($"_probe/{id}/ping"))!.Silo;
            }
            var distinct = hosts.Values.Distinct().Count();
            if (distinct == 3) return hosts;
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"Grains spread over {distinct} silos only.\n{string.Join("\n---\n", silos.Select(s => s.Output))}");
            }
            await Task.Delay(500);
        }
    }

    public static async Task<long?> Increment(ClusterSiloProcess silo, long id)
    {
        using var response = await silo.Http.PostAsync($"_probe/{id}/increment", null);
        if (!response.IsSuccessStatusCode) return null;
        return (await response.Content.ReadFromJsonAsync<IncrementReply>())!.Count;
    }

    public static async Task WriteLoad(ClusterSiloProcess[] through, ConcurrentDictionary<long, long> acked, int grains, CancellationToken stop)
    {
        var round = 0;
        while (!stop.IsCancellationRequested)
        {
            var id = round % grains;
            try
            {
                if (await Increment(through[round % through.Length], id) is { } count)
                {
                    acked.AddOrUpdate(id, count, (_, old) => Math.Max(old, count));
                }
            }
            catch (HttpRequestException)
            {
                // A failed call is not acknowledged: nothing to check for it.
            }
            catch (TaskCanceledException) when (!stop.IsCancellationRequested)
            {
                // Timed out: not acknowledged either.
            }
            round++;
        }
    }

    public static async Task<double> FirstSuccessfulPing(ClusterSiloProcess client, long id, Stopwatch sinceKill)
    {
        while (true)
        {
            try
            {
                using var response = await client.Http.GetAsync($"_probe/{id}/ping");
                if (response.IsSuccessStatusCode) return sinceKill.Elapsed.TotalSeconds;
            }
            catch (HttpRequestException)
            {
                // The gateway itself is up; a failed call means the grain is not reachable yet.
            }
            if (sinceKill.Elapsed > TimeSpan.FromSeconds(30)) return sinceKill.Elapsed.TotalSeconds;
            await Task.Delay(100);
        }
    }

    public sealed record ProbeState(
        [property: JsonPropertyName("silo")] string Silo,
        [property: JsonPropertyName("count")] long Count,
        [property: JsonPropertyName("ticks")] List<long> Ticks);

    public sealed record IncrementReply([property: JsonPropertyName("count")] long Count);
}
