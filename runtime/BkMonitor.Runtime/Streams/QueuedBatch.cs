namespace BkMonitor.Runtime.Streams;

/// <summary>Events accepted by one OnNext/OnNextBatch call, waiting in a stream queue; typed delivery without boxing per event.</summary>
internal abstract class QueuedBatch(long acceptedAt)
{
    /// <summary>Assigned under the queue's lock, so it grows in queue order.</summary>
    public long Sequence { get; set; }

    public long AcceptedAt { get; } = acceptedAt;

    public abstract int Count { get; }

    public abstract Task DeliverAsync(StreamDispatcher dispatcher, StreamId streamId);
}

internal sealed class QueuedBatch<T>(T[] items, long acceptedAt) : QueuedBatch(acceptedAt)
{
    public override int Count => items.Length;

    public override Task DeliverAsync(StreamDispatcher dispatcher, StreamId streamId) => dispatcher.DeliverAsync(streamId, items, Sequence);
}
