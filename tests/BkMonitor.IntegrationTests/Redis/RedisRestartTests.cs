using BkMonitor.Runtime;
using BkMonitor.Runtime.Redis;
using BkMonitor.Runtime.Redis.Connections;
using BkMonitor.Runtime.Redis.Hosting;
using BkMonitor.Runtime.Redis.Streams;
using BkMonitor.IntegrationTests.Fixtures;
using BkMonitor.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.IntegrationTests.Redis;

/// <summary>A Redis outage and restart in the middle of a run, with persistence on; and an unreachable node at start.</summary>
public sealed class RedisRestartTests(DurableRedisFixture redis) : IClassFixture<DurableRedisFixture>
{
    private static readonly GrainId Grain = new("strategy", "7");

    private static void Patient(RedisProviderOptions o)
    {
        o.MaxAttempts = 200;
        o.FirstRetryDelay = TimeSpan.FromMilliseconds(20);
        o.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
    }

    [Fact]
    public async Task A_write_during_an_outage_retries_and_succeeds_once_redis_is_back()
    {
        using var providers = RedisTestProviders.Storage("outage", redis.ConnectionString, Patient);
        using var retries = new RedisMeasurements("bkmonitor.redis.retries", "outage");
        var storage = providers.GrainStorage("outage");
        var state = new GrainState<WindowState>(new WindowState { Count = 1 });
        await storage.WriteStateAsync("window", Grain, state);

        await redis.StopAsync();
        state.State.Count = 2;
        var write = storage.WriteStateAsync("window", Grain, state);
        await retries.First;
        Assert.False(write.IsCompleted);
        await redis.StartAsync();
        await write;

        var read = new GrainState<WindowState>(new WindowState());
        await storage.ReadStateAsync("window", Grain, read);
        Assert.Equal(2, read.State.Count);
        Assert.Equal(state.ETag, read.ETag);
        Assert.True(retries.Total >= 1);
    }

    [Fact]
    public async Task Acknowledged_state_and_stream_entries_survive_a_restart()
    {
        using var storageProviders = RedisTestProviders.Storage("restart", redis.ConnectionString, Patient);
        using var streamProviders = RedisTestProviders.Streams("restart", redis.ConnectionString, Patient);
        var storage = storageProviders.GrainStorage("restart");
        var queues = streamProviders.StreamQueues("restart");
        await queues.InitAsync(CancellationToken.None);
        var stream = StreamId.Create("alert_event", "1001");
        var state = new GrainState<WindowState>(new WindowState { Count = 5 });
        await storage.WriteStateAsync("window", Grain, state);
        var before = await queues.EnqueueAsync(stream, [[1], [2], [3]]);

        await redis.RestartAsync();

        var read = new GrainState<WindowState>(new WindowState());
        await storage.ReadStateAsync("window", Grain, read);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(5, read.State.Count);
        var events = await queues.ReadAsync(queues.QueueOf(stream), "silo-1", 100);
        Assert.Equal(before, events.Select(e => e.Token));
        Assert.Equal(new byte[][] { [1], [2], [3] }, events.Select(e => e.Payload));
        var after = await queues.EnqueueAsync(stream, [[4]]);
        Assert.Equal(before[^1].SequenceNumber + 1, after[0].SequenceNumber);
    }

    [Fact]
    public async Task An_unreachable_node_stops_the_silo_start_naming_its_endpoint()
    {
        var port = ServerProcess.FreePort();
        var builder = new TestSiloBuilder();
        builder.AddRedisGrainStorage("down", o => o.Nodes.Add(new RedisNodeOptions { Name = "cache-2", ConnectionString = $"127.0.0.1:{port},connectTimeout=1000" }));
        using var services = builder.Build();
        var check = Assert.Single(services.GetServices<ISiloLifecycleParticipant>());
        Assert.Equal(SiloStages.Storage, check.Stage);

        var error = await Assert.ThrowsAsync<RedisUnavailableException>(() => check.StartAsync(CancellationToken.None));
        Assert.Contains($"'cache-2' at 127.0.0.1:{port}", error.Message);
        Assert.Contains("unreachable", error.Message);

        var health = await Assert.Single(services.GetServices<IHealthReporter>()).CheckAsync(CancellationToken.None);
        Assert.Equal(HealthReport.Failing, health.Status);
        Assert.Contains($"127.0.0.1:{port}", health.Message);
    }
}
