using BkMonitor.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.UnitTests.Streams;

/// <summary>What a provider's tests get to build the provider: its name, the call runtime to deliver through, the clock.</summary>
public sealed record StreamProviderTestContext(string Name, IGrainCallRuntime CallRuntime, TimeProvider Time);

/// <summary>
/// The contract every <see cref="IStreamProvider"/> passes; a provider's test class inherits it and builds the
/// provider over the given call runtime (a small activation host running the hand-written test grains).
/// </summary>
public abstract class StreamProviderConformanceTests : IAsyncLifetime
{
    private readonly ServiceProvider _services;
    private readonly TestGrainRuntime _grains;

    protected StreamProviderConformanceTests()
    {
        StreamTestNames.RegisterGrains();
        _services = new ServiceCollection().AddSingleton(Sink).BuildServiceProvider();
        _grains = new TestGrainRuntime(name => name == StreamTestNames.Provider ? Provider : throw new KeyNotFoundException(name), _services);
    }

    protected StreamEventSink Sink { get; } = new();

    protected IStreamProvider Provider { get; private set; } = null!;

    protected IGrainCallRuntime Grains => _grains;

    protected abstract Task<IStreamProvider> CreateProviderAsync(StreamProviderTestContext context);

    protected virtual Task StopProviderAsync(IStreamProvider provider) => Task.CompletedTask;

    public async Task InitializeAsync() => Provider = await CreateProviderAsync(new StreamProviderTestContext(StreamTestNames.Provider, _grains, TimeProvider.System));

    public async Task DisposeAsync()
    {
        await StopProviderAsync(Provider);
        await _services.DisposeAsync();
    }

    protected IAsyncStream<int> Stream(string streamNamespace, string key) => Provider.GetStream<int>(StreamId.Create(streamNamespace, key));

    [Fact]
    public async Task Events_of_each_key_arrive_in_order_with_increasing_tokens_under_concurrent_producers()
    {
        const int keys = 6, perKey = 150;
        var producers = Enumerable.Range(0, keys).Select(k => Task.Run(async () =>
        {
            var stream = Stream(StreamTestNames.ImplicitNamespace, $"order-{k}");
            for (var i = 0; i < perKey; i++)
            {
                await stream.OnNextAsync(i);
            }
        })).ToArray();
        await Task.WhenAll(producers);
        await Sink.WaitForCountAsync(keys * perKey);

        for (var k = 0; k < keys; k++)
        {
            var received = Sink.Of($"implicit:order-{k}");
            Assert.Equal(Enumerable.Range(0, perKey).Cast<object>(), received.Select(e => e.Item));
            AssertIncreasing(received);
        }
    }

    [Fact]
    public async Task A_batch_arrives_in_order_between_the_events_around_it()
    {
        var stream = Stream(StreamTestNames.ImplicitNamespace, "batch");
        await stream.OnNextAsync(0);
        await stream.OnNextBatchAsync([1, 2, 3, 4, 5]);
        await stream.OnNextAsync(6);
        await Sink.WaitForAsync("implicit:batch", 6);

        var received = Sink.Of("implicit:batch");
        Assert.Equal(new object[] { 0, 1, 2, 3, 4, 5, 6 }, received.Select(e => e.Item));
        AssertIncreasing(received);
    }

    [Fact]
    public async Task Implicit_delivery_goes_to_the_grain_with_the_stream_key_inside_its_turn()
    {
        await Stream(StreamTestNames.ImplicitNamespace, "a").OnNextAsync(1);
        await Stream(StreamTestNames.ImplicitNamespace, "b").OnNextAsync(2);
        await Sink.WaitForCountAsync(2);

        var a = Assert.Single(Sink.Of("implicit:a"));
        var b = Assert.Single(Sink.Of("implicit:b"));
        Assert.Equal(1, a.Item);
        Assert.Equal(2, b.Item);
        Assert.Equal(new GrainId(ImplicitConsumerGrain.GrainType, "a"), a.GrainContext?.GrainId);
        Assert.Equal(StreamId.Create(StreamTestNames.ImplicitNamespace, "b"), b.StreamId);
    }

    [Fact]
    public async Task A_client_subscription_receives_events_until_unsubscribed()
    {
        var streamId = StreamId.Create(StreamTestNames.ExplicitNamespace, "client");
        var stream = Provider.GetStream<int>(streamId);
        var handle = await stream.SubscribeAsync(new SinkObserver<int>(Sink, "client", streamId));
        await stream.SubscribeAsync(new SinkObserver<int>(Sink, "sentinel", streamId));

        await stream.OnNextAsync(1);
        await Sink.WaitForAsync("client", 1);
        await handle.UnsubscribeAsync();
        await stream.OnNextAsync(2);
        await stream.OnNextAsync(3);
        await Sink.WaitForAsync("sentinel", 3);

        var client = Assert.Single(Sink.Of("client"));
        Assert.Equal(1, client.Item);
        Assert.Null(client.GrainContext);
        Assert.Single(await stream.GetAllSubscriptionHandles());
    }

    [Fact]
    public async Task A_grain_subscription_is_delivered_in_the_grains_turn_until_it_unsubscribes()
    {
        var streamId = StreamId.Create(StreamTestNames.ExplicitNamespace, "grain");
        var grain = new GrainId(ExplicitConsumerGrain.GrainType, "x");
        var stream = Provider.GetStream<int>(streamId);
        await stream.SubscribeAsync(new SinkObserver<int>(Sink, "sentinel", streamId));
        await Grains.InvokeAsync(grain, new ExplicitConsumerRequest("Subscribe", streamId));

        await stream.OnNextAsync(1);
        await Sink.WaitForAsync("explicit:x", 1);
        await Grains.InvokeAsync(grain, new ExplicitConsumerRequest("Unsubscribe", streamId));
        await stream.OnNextAsync(2);
        await stream.OnNextAsync(3);
        await Sink.WaitForAsync("sentinel", 3);

        var received = Assert.Single(Sink.Of("explicit:x"));
        Assert.Equal(1, received.Item);
        Assert.Equal(grain, received.GrainContext?.GrainId);
    }

    [Fact]
    public async Task A_grain_subscription_outlives_its_activation_and_is_resumed_by_handle()
    {
        var streamId = StreamId.Create(StreamTestNames.ExplicitNamespace, "resume");
        var grain = new GrainId(ExplicitConsumerGrain.GrainType, "r");
        var stream = Provider.GetStream<int>(streamId);
        await stream.SubscribeAsync(new SinkObserver<int>(Sink, "sentinel", streamId));
        await Grains.InvokeAsync(grain, new ExplicitConsumerRequest("Subscribe", streamId));
        ((TestGrainRuntime)Grains).Deactivate(grain);

        await stream.OnNextAsync(1);
        await Sink.WaitForAsync("sentinel", 1);
        await Grains.InvokeAsync(grain, new ExplicitConsumerRequest("Resume", streamId));
        await stream.OnNextAsync(2);
        await Sink.WaitForAsync("explicit:r", 2);

        Assert.Equal(new object[] { 2 }, Sink.Of("explicit:r").Select(e => e.Item));
    }

    [Fact]
    public async Task Resuming_a_client_handle_switches_the_observer()
    {
        var streamId = StreamId.Create(StreamTestNames.ExplicitNamespace, "switch");
        var stream = Provider.GetStream<int>(streamId);
        var handle = await stream.SubscribeAsync(new SinkObserver<int>(Sink, "old", streamId));

        var resumed = await handle.ResumeAsync(new SinkObserver<int>(Sink, "new", streamId));
        await stream.OnNextAsync(7);
        await Sink.WaitForAsync("new", 7);

        Assert.Equal(handle.HandleId, resumed.HandleId);
        Assert.Empty(Sink.Of("old"));
    }

    [Fact]
    public async Task An_implicit_subscriber_without_an_observer_drops_events_and_the_stream_goes_on()
    {
        var streamId = StreamId.Create(StreamTestNames.SilentNamespace, "s");
        var stream = Provider.GetStream<int>(streamId);
        await stream.SubscribeAsync(new SinkObserver<int>(Sink, "sentinel", streamId));

        await stream.OnNextAsync(1);
        await stream.OnNextAsync(2);
        await Sink.WaitForAsync("sentinel", 2);

        Assert.All(Sink.Events, e => Assert.Equal("sentinel", e.Subscriber));
        Assert.Equal(2, Sink.Events.Count);
    }

    [Fact]
    public async Task Subscribing_a_null_observer_is_rejected()
        => await Assert.ThrowsAsync<ArgumentNullException>(() => Stream(StreamTestNames.ExplicitNamespace, "null").SubscribeAsync(null!));

    private static void AssertIncreasing(IReadOnlyList<ReceivedEvent> received)
    {
        for (var i = 1; i < received.Count; i++)
        {
            Assert.True(received[i].Token > received[i - 1].Token, $"token {received[i].Token} after {received[i - 1].Token}");
        }
    }
}
