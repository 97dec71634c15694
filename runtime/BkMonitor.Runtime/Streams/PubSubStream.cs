namespace BkMonitor.Runtime.Streams;

/// <summary>Accepts events of one stream into a provider's queue; subscriptions go through the provider's pub-sub.</summary>
internal interface IStreamQueueWriter
{
    Task EnqueueAsync<T>(StreamId streamId, T[] items);
}

/// <summary>The <see cref="IAsyncStream{T}"/> handed out by providers: a cheap value over the queue writer and pub-sub.</summary>
internal sealed class PubSubStream<T>(StreamId streamId, IStreamQueueWriter writer, StreamPubSub pubSub) : IAsyncStream<T>
{
    public StreamId StreamId => streamId;

    /// <summary>Providers assign their own sequence tokens; a token passed by the producer is ignored.</summary>
    public Task OnNextAsync(T item, StreamSequenceToken? token = null) => writer.EnqueueAsync(streamId, [item]);

    public Task OnNextBatchAsync(IEnumerable<T> batch, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return writer.EnqueueAsync(streamId, [.. batch]);
    }

    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer) => pubSub.SubscribeAsync(streamId, observer);

    public Task<IReadOnlyList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles() => pubSub.GetAllSubscriptionHandlesAsync<T>(streamId);

    public override string ToString() => $"{streamId} ({pubSub.Provider})";
}
