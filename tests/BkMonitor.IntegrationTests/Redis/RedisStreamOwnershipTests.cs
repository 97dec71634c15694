using BkMonitor.IntegrationTests.Fixtures;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Redis;
using BkMonitor.Runtime.Redis.Streams;
using BkMonitor.UnitTests.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.IntegrationTests.Redis;

/// <summary>
/// Two silos' stream providers over one real Redis: queue ownership split and moved along the ring, a dead
/// owner's pending entries reclaimed with their tokens, duplicates recognisable by token, the full-queue policy.
/// </summary>
public sealed class RedisStreamOwnershipTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly SiloAddress SiloA = new("127.0.0.1", 21001, 1);
    private static readonly SiloAddress SiloB = new("127.0.0.1", 21002, 1);
    private readonly string _env = TestSiloBuilder.UniqueEnv();
    private readonly string _provider = "p" + Guid.NewGuid().ToString("N")[..8];
    private readonly StreamEventSink _sink = new();

    private Task<RedisStreamTestSilo> StartAsync(SiloAddress address, IGrainCallRuntime calls, Action<RedisStreamOptions>? configure = null)
    {
        StreamTestNames.RegisterGrains();
        return RedisStreamTestSilo.StartAsync(redis.ConnectionString, _env, address, calls, configure, _provider);
    }

    /// <summary>A grain runtime whose implicit consumers write to the test's sink, through <paramref name="provider"/>.</summary>
    private IGrainCallRuntime Grains(Func<IStreamProvider> provider)
        => new TestGrainRuntime(_ => provider(), new ServiceCollection().AddSingleton(_sink).BuildServiceProvider());

    private async Task ProduceAsync(IStreamProvider provider, int keys, int perKey)
    {
        await Task.WhenAll(Enumerable.Range(0, keys).Select(async k =>
        {
            var stream = provider.GetStream<int>(StreamId.Create(StreamTestNames.ImplicitNamespace, $"k{k}"));
            for (var i = 0; i < perKey; i++) await stream.OnNextAsync(i);
        }));
    }

    [Fact]
    public async Task Live_silos_split_the_queues_and_the_survivor_takes_all_when_one_leaves()
    {
        RedisStreamTestSilo? a = null, b = null;
        a = await StartAsync(SiloA, Grains(() => a!.Provider));
        b = await StartAsync(SiloB, Grains(() => b!.Provider));
        await using var _a = a;
        await using var _b = b;
        a.Ring.Set(SiloA, SiloB);
        b.Ring.Set(SiloA, SiloB);

        var ownedByA = a.Provider.OwnedQueues;
        var ownedByB = b.Provider.OwnedQueues;
        Assert.NotEmpty(ownedByA);
        Assert.NotEmpty(ownedByB);
        Assert.Empty(ownedByA.Intersect(ownedByB));
        Assert.Equal(Enumerable.Range(0, 4), ownedByA.Concat(ownedByB).Order());

        await ProduceAsync(b.Provider, keys: 20, perKey: 5);
        await _sink.WaitForCountAsync(100);
        await b.StopAsync();
        a.Ring.Set(SiloA);
        await ProduceAsync(a.Provider, keys: 20, perKey: 1);
        await _sink.WaitForCountAsync(120);

        Assert.Equal(Enumerable.Range(0, 4), a.Provider.OwnedQueues);
        for (var k = 0; k < 20; k++)
        {
            Assert.Equal([0, 1, 2, 3, 4, 0], _sink.Of($"implicit:k{k}").Select(e => (int)e.Item!));
        }
    }

    [Fact]
    public async Task A_ring_without_active_silos_leaves_the_silo_no_queue_until_it_is_active_again()
    {
        RedisStreamTestSilo? a = null;
        a = await StartAsync(SiloA, Grains(() => a!.Provider));
        await using var _a = a;
        Assert.Equal(Enumerable.Range(0, 4), a.Provider.OwnedQueues.Order());

        a.Ring.Set();
        Assert.Empty(a.Provider.OwnedQueues);

        a.Ring.Set(SiloA);
        Assert.Equal(Enumerable.Range(0, 4), a.Provider.OwnedQueues.Order());
        await ProduceAsync(a.Provider, keys: 3, perKey: 2);
        await _sink.WaitForCountAsync(6);
    }

    [Fact]
    public async Task A_dead_owners_pending_events_are_reclaimed_by_the_new_owner_in_order_with_their_tokens()
    {
        using var redelivered = new RedisStreamMeasurements("bkmonitor.streams.events_redelivered", _provider);
        // Silo A reads the events and hangs in delivery: they stay pending under its consumer when it dies.
        var a = await StartAsync(SiloA, new HangingGrainRuntime(null));
        a.Ring.Set(SiloB);
        await ProduceAsync(a.Provider, keys: 30, perKey: 4);
        a.Ring.Set(SiloA);
        await WaitUntilAsync(() => PendingOf(a) == 120, "silo A to read all 120 events");
        await KillAsync(a);

        RedisStreamTestSilo? b = null;
        b = await StartAsync(SiloB, Grains(() => b!.Provider));
        await using var _b = b;
        await _sink.WaitForCountAsync(120);

        Assert.Equal(120, redelivered.Total);
        for (var k = 0; k < 30; k++)
        {
            var received = _sink.Of($"implicit:k{k}");
            Assert.Equal([0, 1, 2, 3], received.Select(e => (int)e.Item!));
            Assert.True(received.Zip(received.Skip(1)).All(p => p.Second.Token > p.First.Token));
        }
        await WaitUntilAsync(() => PendingCountAsync(b).Result == 0, "the reclaimed entries to be acknowledged");
    }

    [Fact]
    public async Task Events_delivered_but_not_acknowledged_come_again_with_the_same_tokens_so_consumers_drop_them()
    {
        // Silo A delivers to the grains and dies before acknowledging.
        var sinkA = new StreamEventSink();
        RedisStreamTestSilo? a = null;
        a = await StartAsync(SiloA, new HangingGrainRuntime(new TestGrainRuntime(_ => a!.Provider, new ServiceCollection().AddSingleton(sinkA).BuildServiceProvider())));
        a.Ring.Set(SiloB);
        await ProduceAsync(a.Provider, keys: 10, perKey: 3);
        a.Ring.Set(SiloA);
        await sinkA.WaitForCountAsync(30);
        await KillAsync(a);

        RedisStreamTestSilo? b = null;
        b = await StartAsync(SiloB, Grains(() => b!.Provider));
        await using var _b = b;
        await _sink.WaitForCountAsync(30);

        for (var k = 0; k < 10; k++)
        {
            var first = sinkA.Of($"implicit:k{k}");
            var again = _sink.Of($"implicit:k{k}");
            Assert.Equal(first.Select(e => e.Token), again.Select(e => e.Token));
            // A consumer keeping the last token it processed drops every repeat.
            var last = first[^1].Token;
            Assert.All(again, e => Assert.False(e.Token > last));
        }
    }

    [Fact]
    public async Task A_full_queue_rejects_the_produce_with_a_clear_error_and_trims_nothing()
    {
        using var rejected = new RedisStreamMeasurements("bkmonitor.streams.events_rejected", _provider);
        // No silo of the ring is this one: nobody reads, the backlog only grows.
        var a = await StartAsync(SiloA, new HangingGrainRuntime(null), o => o.MaxQueueLength = 5);
        await using var _a = a;
        a.Ring.Set(SiloB);
        var streamId = StreamId.Create(StreamTestNames.ImplicitNamespace, "full");
        var stream = a.Provider.GetStream<int>(streamId);
        await stream.OnNextBatchAsync([1, 2, 3, 4]);

        var error = await Assert.ThrowsAsync<QueueFullException>(() => stream.OnNextBatchAsync([5, 6]));

        Assert.Contains("is full: 4 entries queued, a batch of 2 would pass the bound of 5", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, rejected.Total);
        await stream.OnNextAsync(5);
        Assert.Equal(5, await a.Provider.Queues.LengthAsync(a.Provider.Queues.QueueOf(streamId)));
    }

    private static long PendingOf(RedisStreamTestSilo silo)
    {
        var health = silo.Provider.CheckAsync(CancellationToken.None).Result;
        return (long)health.Metrics.Single(m => m.Name == "pending_events").Value;
    }

    private static async Task<long> PendingCountAsync(RedisStreamTestSilo silo)
    {
        long total = 0;
        for (var q = 0; q < silo.Provider.Queues.QueueCount; q++) total += await silo.Provider.Queues.PendingCountAsync(q);
        return total;
    }

    /// <summary>SIGKILL as far as Redis can tell: the agents stop at once and acknowledge nothing more.</summary>
    private static async Task KillAsync(RedisStreamTestSilo silo)
    {
        using var now = new CancellationTokenSource();
        await now.CancelAsync();
        await silo.StopAsync(now.Token);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited 15 s for {what}.");
            await Task.Delay(20);
        }
    }

    /// <summary>Runs the call (when given an inner runtime), then never completes: a silo that died mid-delivery.</summary>
    private sealed class HangingGrainRuntime(IGrainCallRuntime? inner) : IGrainCallRuntime
    {
        public async ValueTask<TResult> InvokeAsync<TResult>(GrainId target, GrainRequest<TResult> request)
        {
            if (inner is not null) await inner.InvokeAsync(target, request);
            await Task.Delay(Timeout.Infinite);
            throw new InvalidOperationException("unreachable");
        }

        public void InvokeOneWay<TResult>(GrainId target, GrainRequest<TResult> request) => _ = InvokeAsync(target, request);
    }
}
