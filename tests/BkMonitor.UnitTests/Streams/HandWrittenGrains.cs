using BkMonitor.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.UnitTests.Streams;

// Grain classes and requests written by hand for the stream tests, until the code generator registers them.

/// <summary>Names shared by the stream test grains and suites.</summary>
public static class StreamTestNames
{
    public const string Provider = "conformance";
    public const string ImplicitNamespace = "conformance-implicit";
    public const string SilentNamespace = "conformance-silent";
    public const string ExplicitNamespace = "conformance-explicit";

    public static void RegisterGrains()
    {
        GrainTypeRegistry.RegisterClass(new GrainClassDescriptor(
            typeof(ImplicitConsumerGrain), ImplicitConsumerGrain.GrainType, [], (_, _) => new ImplicitConsumerGrain(), false, 0, [ImplicitNamespace], null));
        GrainTypeRegistry.RegisterClass(new GrainClassDescriptor(
            typeof(SilentImplicitGrain), SilentImplicitGrain.GrainType, [], (_, _) => new SilentImplicitGrain(), false, 0, [SilentNamespace], null));
        GrainTypeRegistry.RegisterClass(new GrainClassDescriptor(
            typeof(ExplicitConsumerGrain), ExplicitConsumerGrain.GrainType, [], (_, _) => new ExplicitConsumerGrain(), false, 0, [], null));
    }
}

/// <summary>Implicitly subscribed to <see cref="StreamTestNames.ImplicitNamespace"/>; attaches its observer on activation, as grains do.</summary>
internal sealed class ImplicitConsumerGrain : Grain
{
    public const string GrainType = "streams-test-implicit";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var streamId = StreamId.Create(StreamTestNames.ImplicitNamespace, this.GetPrimaryKeyString());
        var sink = ServiceProvider.GetRequiredService<StreamEventSink>();
        return GetStreamProvider(StreamTestNames.Provider).GetStream<int>(streamId)
            .SubscribeAsync(new SinkObserver<int>(sink, $"implicit:{this.GetPrimaryKeyString()}", streamId));
    }
}

/// <summary>Implicitly subscribed to <see cref="StreamTestNames.SilentNamespace"/> but attaches no observer.</summary>
internal sealed class SilentImplicitGrain : Grain
{
    public const string GrainType = "streams-test-silent";
}

/// <summary>Subscribes explicitly to any stream when asked.</summary>
internal sealed class ExplicitConsumerGrain : Grain
{
    public const string GrainType = "streams-test-explicit";

    public Task SubscribeAsync(StreamId streamId) => Stream(streamId).SubscribeAsync(Observer(streamId));

    public async Task UnsubscribeAllAsync(StreamId streamId)
    {
        foreach (var handle in await Stream(streamId).GetAllSubscriptionHandles())
        {
            await handle.UnsubscribeAsync();
        }
    }

    public async Task ResumeAllAsync(StreamId streamId)
    {
        foreach (var handle in await Stream(streamId).GetAllSubscriptionHandles())
        {
            await handle.ResumeAsync(Observer(streamId));
        }
    }

    private IAsyncStream<int> Stream(StreamId streamId) => GetStreamProvider(StreamTestNames.Provider).GetStream<int>(streamId);

    private SinkObserver<int> Observer(StreamId streamId)
        => new(ServiceProvider.GetRequiredService<StreamEventSink>(), $"explicit:{this.GetPrimaryKeyString()}", streamId);
}

/// <summary>A request that runs one action of <see cref="ExplicitConsumerGrain"/>.</summary>
internal sealed class ExplicitConsumerRequest(string method, StreamId streamId) : GrainRequest<VoidResult>
{
    public override string InterfaceName => "BkMonitor.UnitTests.Streams.IExplicitConsumer";

    public override string MethodName => method;

    public override int MethodId => 0;

    public override int ArgumentCount => 0;

    public override object? GetArgument(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    public override void SetArgument(int index, object? value) => throw new ArgumentOutOfRangeException(nameof(index));

    public override Type GetArgumentType(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    public override async ValueTask<VoidResult> InvokeAsync(object target)
    {
        var grain = (ExplicitConsumerGrain)target;
        await (method switch
        {
            "Subscribe" => grain.SubscribeAsync(streamId),
            "Unsubscribe" => grain.UnsubscribeAllAsync(streamId),
            "Resume" => grain.ResumeAllAsync(streamId),
            _ => throw new ArgumentException($"Unknown action {method}."),
        });
        return default;
    }
}
