using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using BkMonitor.GrainInterfaces.Diagnostics;
using BkMonitor.IntegrationTests.Redis;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Redis;
using BkMonitor.Runtime.Redis.Connections;
using BkMonitor.Runtime.Redis.Hosting;
using BkMonitor.Runtime.Redis.Streams;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>The cluster's stream queues as a client producer sees them (same key prefix, provider name and queue count as the silos).</summary>
    public static async Task<(ServiceProvider Services, RedisStreamQueues Queues)> StreamQueuesAsync(string redisEndpoint)
    {
        var builder = new TestSiloBuilder();
        builder.AddRedisStreamQueues(ProviderNames.DefaultStreams, o => o.Node = new RedisNodeOptions { Name = "default", ConnectionString = redisEndpoint });
        var services = builder.Build();
        var queues = services.GetRequiredKeyedService<RedisStreamQueues>(ProviderNames.DefaultStreams);
        await queues.InitAsync(CancellationToken.None);
        return (services, queues);
    }

    /// <summary>
    /// Every <paramref name="interval"/>, the next number on each of <paramref name="produced"/>'s keys, all keys in
    /// one pipelined enqueue in the provider's format; <c>produced[k]</c> is the last number Redis acknowledged for
    /// key k. Numbers not acknowledged (Redis unreachable, queue full) are sent again in the next round.
    /// </summary>
    public static async Task StreamLoad(RedisStreamQueues queues, long[] produced, TimeSpan interval, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var batches = new StreamBatch[produced.Length];
            for (var k = 0; k < produced.Length; k++)
            {
                batches[k] = new StreamBatch(StreamId.Create(ClusterProbeEvent.Namespace, k), [RedisEventCodec.Encode(new ClusterProbeEvent(produced[k] + 1))]);
            }
            try
            {
                await queues.EnqueueManyAsync(batches);
                for (var k = 0; k < produced.Length; k++) produced[k]++;
            }
            catch (QueueFullException full)
            {
                for (var k = 0; k < produced.Length; k++)
                {
                    if (full.Accepted![k] is not null) produced[k]++;
                }
            }
            catch (RedisUnavailableException)
            {
                // Not acknowledged: the same numbers go again (a consumer drops what did arrive as a repeat).
            }
            try
            {
                await Task.Delay(interval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Pings probe grains 0..keys-1 until each consumed its last produced number; returns their states.</summary>
    public static async Task<ProbeState[]> WaitForEvents(ClusterSiloProcess client, long[] produced, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        var states = new ProbeState[produced.Length];
        while (true)
        {
            var behind = 0;
            for (var k = 0; k < produced.Length; k++)
            {
                if (states[k] is { } known && known.LastEvent >= produced[k]) continue;
                try
                {
                    states[k] = (await client.Http.GetFromJsonAsync<ProbeState>($"_probe/{k}/ping"))!;
                }
                catch (HttpRequestException)
                {
                    // Asked again in the next pass.
                }
                if (states[k] is null || states[k].LastEvent < produced[k]) behind++;
            }
            if (behind == 0 || deadline.Elapsed > timeout) return states;
            await Task.Delay(500);
        }
    }

    public sealed record ProbeState(
        [property: JsonPropertyName("silo")] string Silo,
        [property: JsonPropertyName("count")] long Count,
        [property: JsonPropertyName("ticks")] List<long> Ticks,
        [property: JsonPropertyName("last_event")] long LastEvent = 0,
        [property: JsonPropertyName("skipped_events")] long SkippedEvents = 0,
        [property: JsonPropertyName("duplicate_events")] long DuplicateEvents = 0);

    public sealed record IncrementReply([property: JsonPropertyName("count")] long Count);
}
