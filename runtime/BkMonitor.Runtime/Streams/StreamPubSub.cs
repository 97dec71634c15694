namespace BkMonitor.Runtime.Streams;

/// <summary>
/// Subscribe, resume, unsubscribe and list handles for one provider. Inside a grain turn
/// (<see cref="CurrentGrainContext"/>) a subscription belongs to the activation: for the grain's own implicit
/// stream it attaches the observer to the implicit subscription, otherwise it adds an explicit subscription
/// (grain id + handle) that outlives the activation and is resumed by handle. Outside a grain the observer is a
/// client observer called directly.
/// </summary>
internal sealed class StreamPubSub(string provider, StreamSubscriptionRegistry registry, ImplicitSubscriberIndex implicitSubscribers)
{
    public string Provider => provider;

    public Task<StreamSubscriptionHandle<T>> SubscribeAsync<T>(StreamId streamId, IAsyncObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var context = CurrentGrainContext.Current;
        if (context is null)
        {
            var handle = new PubSubSubscriptionHandle<T>(this, streamId, Guid.NewGuid(), null, isImplicit: false);
            registry.Add(new StreamSubscription(handle.HandleId, streamId, null, observer));
            return Task.FromResult<StreamSubscriptionHandle<T>>(handle);
        }
        var grainId = context.GrainId;
        var implicitSubscription = implicitSubscribers.IsImplicitSubscriber(grainId, streamId);
        var id = implicitSubscription ? ImplicitSubscriberIndex.ImplicitHandleId(provider, grainId.Type, streamId.Namespace) : Guid.NewGuid();
        var grainHandle = new PubSubSubscriptionHandle<T>(this, streamId, id, grainId, implicitSubscription);
        StreamSubscriptionComponent.Of(context).Attach(provider, streamId, id, observer);
        if (!implicitSubscription)
        {
            registry.Add(new StreamSubscription(id, streamId, grainId, null));
        }
        return Task.FromResult<StreamSubscriptionHandle<T>>(grainHandle);
    }

    /// <summary>The caller's handles for the stream: a grain's explicit ones and its implicit one, or the client subscriptions.</summary>
    public Task<IReadOnlyList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandlesAsync<T>(StreamId streamId)
    {
        var grainId = CurrentGrainContext.Current?.GrainId;
        var handles = new List<StreamSubscriptionHandle<T>>();
        if (grainId is { } g && implicitSubscribers.IsImplicitSubscriber(g, streamId))
        {
            handles.Add(new PubSubSubscriptionHandle<T>(this, streamId, ImplicitSubscriberIndex.ImplicitHandleId(provider, g.Type, streamId.Namespace), g, isImplicit: true));
        }
        foreach (var subscription in registry.Get(streamId))
        {
            if (subscription.Grain == grainId)
            {
                handles.Add(new PubSubSubscriptionHandle<T>(this, streamId, subscription.HandleId, grainId, isImplicit: false));
            }
        }
        return Task.FromResult<IReadOnlyList<StreamSubscriptionHandle<T>>>(handles);
    }

    public Task UnsubscribeAsync<T>(PubSubSubscriptionHandle<T> handle)
    {
        if (!handle.IsImplicit)
        {
            registry.Remove(handle.StreamId, handle.HandleId);
        }
        if (handle.Owner is { } owner && CurrentGrainContext.Current is { } context && context.GrainId == owner)
        {
            context.GetComponent<StreamSubscriptionComponent>()?.Detach(handle.HandleId);
        }
        return Task.CompletedTask;
    }

    public Task<StreamSubscriptionHandle<T>> ResumeAsync<T>(PubSubSubscriptionHandle<T> handle, IAsyncObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (handle.Owner is not { } owner)
        {
            return registry.Replace(handle.StreamId, handle.HandleId, observer)
                ? Task.FromResult<StreamSubscriptionHandle<T>>(handle)
                : throw new InvalidOperationException($"Subscription {handle.HandleId} to stream {handle.StreamId} ({provider}) was removed; subscribe again.");
        }
        var context = CurrentGrainContext.Current;
        if (context is null || context.GrainId != owner)
        {
            throw new InvalidOperationException(
                $"Subscription {handle.HandleId} to stream {handle.StreamId} belongs to grain {owner}; resume it inside a turn of that grain.");
        }
        if (!handle.IsImplicit && Array.FindIndex(registry.Get(handle.StreamId), s => s.HandleId == handle.HandleId) < 0)
        {
            throw new InvalidOperationException($"Subscription {handle.HandleId} of grain {owner} to stream {handle.StreamId} ({provider}) was removed; subscribe again.");
        }
        StreamSubscriptionComponent.Of(context).Attach(provider, handle.StreamId, handle.HandleId, observer);
        return Task.FromResult<StreamSubscriptionHandle<T>>(handle);
    }
}
