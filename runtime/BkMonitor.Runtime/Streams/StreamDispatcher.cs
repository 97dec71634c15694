using Microsoft.Extensions.Logging;

namespace BkMonitor.Runtime.Streams;

/// <summary>
/// Hands one stream's events to all its subscribers: implicit subscriber grains, explicit grain subscriptions
/// (both as grain calls) and client observers (called directly). Subscribers of one event are served in
/// parallel and the call completes when all are done, so the next event of the stream waits for this one.
/// A failed delivery is retried with doubling delays, then logged and skipped: delivery is at-least-once
/// within the process (a retried batch may repeat events; tokens let consumers drop repeats).
/// </summary>
internal sealed class StreamDispatcher(
    string provider,
    StreamSubscriptionRegistry registry,
    ImplicitSubscriberIndex implicitSubscribers,
    Func<IGrainCallRuntime> callRuntime,
    StreamDeliveryOptions options,
    ILogger logger,
    StreamInstruments instruments)
{
    // Resolved on first delivery: the call runtime may depend on services that depend on this provider.
    private IGrainCallRuntime? _callRuntime;

    // Every silo with a stream provider can decode deliveries sent by another silo's provider.
    static StreamDispatcher() => RemoteStreamDelivery.Register();

    /// <summary>
    /// Delivers <paramref name="items"/> to every subscriber of the stream. Without <paramref name="tokens"/> the
    /// events are numbered (<paramref name="sequence"/>, index); a persistent provider passes each event's own token.
    /// </summary>
    public Task DeliverAsync<T>(StreamId streamId, T[] items, long sequence, StreamSequenceToken[]? tokens = null)
    {
        var implicitTypes = implicitSubscribers.GrainTypes(streamId.Namespace);
        var subscriptions = registry.Get(streamId);
        var count = implicitTypes.Length + subscriptions.Length;
        if (count == 1)
        {
            return implicitTypes.Length == 1
                ? DeliverImplicitAsync(implicitTypes[0], streamId, items, sequence, tokens)
                : DeliverAsync(subscriptions[0], items, sequence, tokens);
        }
        if (count == 0)
        {
            return Task.CompletedTask;
        }
        var deliveries = new Task[count];
        for (var i = 0; i < implicitTypes.Length; i++)
        {
            deliveries[i] = DeliverImplicitAsync(implicitTypes[i], streamId, items, sequence, tokens);
        }
        for (var i = 0; i < subscriptions.Length; i++)
        {
            deliveries[implicitTypes.Length + i] = DeliverAsync(subscriptions[i], items, sequence, tokens);
        }
        return Task.WhenAll(deliveries);
    }

    private Task DeliverImplicitAsync<T>(string grainType, StreamId streamId, T[] items, long sequence, StreamSequenceToken[]? tokens)
        => DeliverToGrainAsync(new GrainId(grainType, streamId.Key), ImplicitSubscriberIndex.ImplicitHandleId(provider, grainType, streamId.Namespace), streamId, items, sequence, tokens);

    private Task DeliverAsync<T>(StreamSubscription subscription, T[] items, long sequence, StreamSequenceToken[]? tokens)
    {
        if (subscription.Grain is { } grain)
        {
            return DeliverToGrainAsync(grain, subscription.HandleId, subscription.StreamId, items, sequence, tokens);
        }
        if (subscription.Observer is IAsyncObserver<T> observer)
        {
            return DeliverToObserverAsync(observer, subscription, items, sequence, tokens);
        }
        StreamLog.WrongObserverType(logger, provider, subscription.StreamId, $"client {subscription.HandleId}", subscription.Observer?.GetType().FullName ?? "nothing", typeof(T).FullName!);
        return Task.CompletedTask;
    }

    private async Task DeliverToGrainAsync<T>(GrainId grain, Guid handleId, StreamId streamId, T[] items, long sequence, StreamSequenceToken[]? tokens)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var request = new StreamDeliveryRequest<T>(provider, streamId, handleId, items, sequence, logger) { Tokens = tokens };
                await (_callRuntime ??= callRuntime()).InvokeAsync(grain, request);
                if (request.Dropped)
                {
                    instruments.OnDropped(streamId.Namespace, items.Length);
                }
                else
                {
                    instruments.OnDelivered(streamId.Namespace, items.Length);
                }
                return;
            }
            catch (Exception ex)
            {
                if (!await BackOffAsync(ex, streamId, grain.ToString(), attempt, items.Length, sequence))
                {
                    return;
                }
            }
        }
    }

    // A client observer is called here, so retries are per event: a retry resumes at the event that failed,
    // and an event that used up its attempts is skipped alone.
    private async Task DeliverToObserverAsync<T>(IAsyncObserver<T> observer, StreamSubscription subscription, T[] items, long sequence, StreamSequenceToken[]? tokens)
    {
        var streamId = subscription.StreamId;
        var delivered = 0;
        var attempt = 1;
        for (var next = 0; next < items.Length;)
        {
            try
            {
                await observer.OnNextAsync(items[next], tokens?[next] ?? new StreamSequenceToken(sequence, next));
                delivered++;
            }
            catch (Exception ex)
            {
                if (await BackOffAsync(ex, streamId, $"client {subscription.HandleId}", attempt, 1, sequence))
                {
                    attempt++;
                    continue;
                }
            }
            next++;
            attempt = 1;
        }
        if (delivered > 0)
        {
            instruments.OnDelivered(streamId.Namespace, delivered);
        }
    }

    /// <summary>Waits before the next attempt; false (after logging and counting) when the attempts are used up.</summary>
    private async Task<bool> BackOffAsync(Exception ex, StreamId streamId, string subscriber, int attempt, int count, long sequence)
    {
        if (attempt >= options.MaxDeliveryAttempts)
        {
            instruments.OnFailed(streamId.Namespace, count);
            StreamLog.GaveUp(logger, ex, provider, streamId, subscriber, sequence, count, attempt);
            return false;
        }
        StreamLog.Retrying(logger, ex, provider, streamId, subscriber, attempt);
        var delay = options.RetryDelay * Math.Pow(2, Math.Min(attempt - 1, 30));
        if (delay > options.MaxRetryDelay)
        {
            delay = options.MaxRetryDelay;
        }
        if (delay > TimeSpan.Zero)
        {
            // Backoff is operational, not alarm time: on the silo's clock a fake clock in tests would stall
            // the stream key until the test happens to move time again.
            await Task.Delay(delay, TimeProvider.System);
        }
        return true;
    }
}
