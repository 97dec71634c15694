using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Runtime.Streams;

/// <summary>Typed work on events known only by type name at run time (created once per type, no reflection per event).</summary>
internal abstract class StreamEventType
{
    public static StreamEventType For(Type eventType)
        => (StreamEventType)Activator.CreateInstance(typeof(StreamEventType<>).MakeGenericType(eventType))!;

    public abstract Type EventType { get; }

    /// <summary>Runs a delivery that arrived from another silo: the events as a JSON array of this type.</summary>
    public abstract ValueTask<VoidResult> InvokeDeliveryAsync(object target, RemoteStreamDelivery delivery, ILogger logger);
}

internal sealed class StreamEventType<T> : StreamEventType
{
    public override Type EventType => typeof(T);

    public override ValueTask<VoidResult> InvokeDeliveryAsync(object target, RemoteStreamDelivery delivery, ILogger logger)
    {
        var items = JsonSerializer.Deserialize<T[]>(delivery.Items, StreamEventTypes.Json)
            ?? throw new FormatException($"Stream {delivery.StreamId}: a delivery from another silo carried no events.");
        var request = new StreamDeliveryRequest<T>(delivery.Provider, delivery.StreamId, delivery.HandleId, items, delivery.Sequence, logger) { Tokens = delivery.Tokens };
        return request.InvokeAsync(target);
    }
}
