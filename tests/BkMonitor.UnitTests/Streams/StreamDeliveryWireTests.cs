using BkMonitor.Runtime;
using BkMonitor.Runtime.Streams;
using BkMonitor.Runtime.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BkMonitor.UnitTests.Streams;

/// <summary>Stream deliveries to a grain on another silo: encoded by the transport's codec, decoded by name, run in the grain's turn.</summary>
public sealed class StreamDeliveryWireTests : IAsyncLifetime
{
    private readonly StreamEventSink _sink = new();
    private readonly ServiceProvider _services;
    private readonly MemoryStreamProvider _provider;

    public StreamDeliveryWireTests()
    {
        StreamTestNames.RegisterGrains();
        _services = new ServiceCollection().AddSingleton(_sink).BuildServiceProvider();
        var grains = new TestGrainRuntime(_ => _provider!, _services);
        _provider = new MemoryStreamProvider(StreamTestNames.Provider, new MemoryStreamOptions { RetryDelay = TimeSpan.Zero }, new StreamSubscriptionRegistry(),
            () => new WireRuntime(grains), TimeProvider.System, NullLogger<MemoryStreamProvider>.Instance);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _provider.Dispose();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task Events_reach_an_implicit_subscriber_through_the_wire_in_order_with_their_tokens()
    {
        var streamId = StreamId.Create(StreamTestNames.ImplicitNamespace, "wire");
        await _provider.GetStream<int>(streamId).OnNextBatchAsync([7, 8, 9]);
        await _sink.WaitForCountAsync(3);

        var received = _sink.Of("implicit:wire");
        Assert.Equal(new object[] { 7, 8, 9 }, received.Select(e => e.Item));
        Assert.Equal([0, 1, 2], received.Select(e => e.Token!.EventIndex));
        Assert.All(received, e => Assert.Equal(new GrainId(ImplicitConsumerGrain.GrainType, "wire"), e.GrainContext?.GrainId));
    }

    [Fact]
    public async Task Tokens_of_a_persistent_provider_cross_the_wire_unchanged()
    {
        var streamId = StreamId.Create(StreamTestNames.ImplicitNamespace, "tokens");
        StreamSequenceToken[] tokens = [new(1_000_005, 0), new(1_000_006, 3)];

        await _provider.Dispatcher.DeliverAsync(streamId, [40, 41], 1_000_005, tokens);

        Assert.Equal(tokens, _sink.Of("implicit:tokens").Select(e => e.Token));
    }

    [Fact]
    public void A_delivery_naming_an_unknown_event_type_fails_clearly()
    {
        var request = (RemoteStreamDelivery)GrainTypeRegistry.GetInterface(StreamDelivery.ConsumerInterface).RequestFactory(0);
        object?[] arguments = ["p", "ns", "k", Guid.NewGuid().ToString("N"), "No.Such.Event, Nowhere", "[]"u8.ToArray(), 1L, null];
        for (var i = 0; i < arguments.Length; i++) request.SetArgument(i, arguments[i]);

        var error = Assert.Throws<FormatException>(() => request.InvokeAsync(new object()).AsTask().GetAwaiter().GetResult());

        Assert.Contains("'No.Such.Event, Nowhere' is not loaded", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Sends every call through the transport codec, as a call to a grain on another silo is.</summary>
    private sealed class WireRuntime(IGrainCallRuntime target) : IGrainCallRuntime
    {
        public ValueTask<TResult> InvokeAsync<TResult>(GrainId grainId, GrainRequest<TResult> request)
        {
            var envelope = GrainRequestCodec.Default.CreateEnvelope(grainId, request, TimeSpan.FromSeconds(30));
            var decoded = (GrainRequest<TResult>)GrainRequestCodec.Default.DecodeRequest(envelope);
            Assert.IsType<RemoteStreamDelivery>(decoded);
            return target.InvokeAsync(grainId, decoded);
        }

        public void InvokeOneWay<TResult>(GrainId grainId, GrainRequest<TResult> request) => _ = InvokeAsync(grainId, request);
    }
}
