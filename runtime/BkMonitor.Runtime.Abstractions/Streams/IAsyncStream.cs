namespace BkMonitor.Runtime;

/// <summary>A named stream provider (memory, Redis Streams).</summary>
public interface IStreamProvider
{
    string Name { get; }

    IAsyncStream<T> GetStream<T>(StreamId streamId);
}

/// <summary>Receives stream events.</summary>
public interface IAsyncObserver<in T>
{
    Task OnNextAsync(T item, StreamSequenceToken? token = null);

    Task OnCompletedAsync() => Task.CompletedTask;

    Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}

/// <summary>A stream of <typeparamref name="T"/>: produce with OnNext, consume by subscribing.</summary>
public interface IAsyncStream<T>
{
    StreamId StreamId { get; }

    /// <summary>Completes when the provider has accepted the event (queued durably for persistent providers).</summary>
    Task OnNextAsync(T item, StreamSequenceToken? token = null);

    Task OnNextBatchAsync(IEnumerable<T> batch, StreamSequenceToken? token = null);

    /// <summary>
    /// Subscribes the observer. Called from a grain, the subscription belongs to that activation and
    /// deliveries are turns of it; for an implicit subscriber it attaches the observer for its own stream.
    /// </summary>
    Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer);

    Task<IReadOnlyList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles();
}

/// <summary>An explicit or implicit subscription to one stream.</summary>
public abstract class StreamSubscriptionHandle<T>
{
    public abstract Guid HandleId { get; }

    public abstract StreamId StreamId { get; }

    public abstract Task UnsubscribeAsync();

    public abstract Task<StreamSubscriptionHandle<T>> ResumeAsync(IAsyncObserver<T> observer);
}

/// <summary>Delegate-based observers, as in Orleans.</summary>
public static class AsyncStreamExtensions
{
    public static Task<StreamSubscriptionHandle<T>> SubscribeAsync<T>(this IAsyncStream<T> stream, Func<T, StreamSequenceToken?, Task> onNext)
        => stream.SubscribeAsync(new DelegateObserver<T>(onNext));

    private sealed class DelegateObserver<T>(Func<T, StreamSequenceToken?, Task> onNext) : IAsyncObserver<T>
    {
        public Task OnNextAsync(T item, StreamSequenceToken? token = null) => onNext(item, token);
    }
}
