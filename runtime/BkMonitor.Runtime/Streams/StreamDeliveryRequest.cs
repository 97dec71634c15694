using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Runtime.Streams;

/// <summary>
/// The runtime's own request that hands stream events to a grain inside one of its turns: it finds the
/// observer the activation attached for the subscription handle and calls it for each event in order.
/// Events for an activation that attached no observer are dropped with a warning (<see cref="Dropped"/>).
/// </summary>
internal sealed class StreamDeliveryRequest<T>(string provider, StreamId streamId, Guid handleId, T[] items, long sequence, ILogger logger)
    : GrainRequest<VoidResult>
{
    public override string InterfaceName => StreamDelivery.ConsumerInterface;

    public override string MethodName => "OnNextAsync";

    public override int MethodId => 0;

    /// <summary>Local deliveries read no arguments; a delivery to another silo is encoded as <see cref="RemoteStreamDelivery"/>'s arguments.</summary>
    public override int ArgumentCount => 8;

    /// <summary>Each event's own token (persistent providers); null numbers them (sequence, index).</summary>
    public StreamSequenceToken[]? Tokens { get; init; }

    /// <summary>Set when the target had no observer for the subscription (the events were not handed to anyone).</summary>
    public bool Dropped { get; private set; }

    public override object? GetArgument(int index) => index switch
    {
        0 => provider,
        1 => streamId.Namespace,
        2 => streamId.Key,
        3 => handleId.ToString("N"),
        4 => StreamEventTypes.NameOf(typeof(T)),
        5 => JsonSerializer.SerializeToUtf8Bytes(items, StreamEventTypes.Json),
        6 => sequence,
        7 => Tokens,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "A stream delivery has 8 wire arguments."),
    };

    public override void SetArgument(int index, object? value) => throw new NotSupportedException("A stream delivery from another silo is decoded as RemoteStreamDelivery.");

    public override Type GetArgumentType(int index) => RemoteStreamDelivery.ArgumentType(index);

    public override async ValueTask<VoidResult> InvokeAsync(object target)
    {
        if (target is not Grain grain)
        {
            throw new InvalidOperationException($"Stream {streamId} can only be delivered to grains, not to {target.GetType().FullName}.");
        }
        var observer = grain.GrainContext.GetComponent<StreamSubscriptionComponent>()?.Find(provider, streamId, handleId);
        if (observer is null)
        {
            Dropped = true;
            StreamLog.NoObserver(logger, provider, streamId, grain.GrainId, items.Length);
            return default;
        }
        if (observer is not IAsyncObserver<T> typed)
        {
            Dropped = true;
            StreamLog.WrongObserverType(logger, provider, streamId, grain.GrainId.ToString(), observer.GetType().FullName!, typeof(T).FullName!);
            return default;
        }
        for (var i = 0; i < items.Length; i++)
        {
            await typed.OnNextAsync(items[i], Tokens?[i] ?? new StreamSequenceToken(sequence, i));
        }
        return default;
    }
}
