namespace BkMonitor.Runtime.Streams;

/// <summary>
/// The observers one activation attached with SubscribeAsync/ResumeAsync, stored as an activation component.
/// It dies with the activation; explicit subscriptions outlive it in the registry and are resumed by handle.
/// </summary>
internal sealed class StreamSubscriptionComponent
{
    private readonly Lock _gate = new();
    private readonly List<AttachedObserver> _observers = [];

    public static StreamSubscriptionComponent Of(IGrainContext context)
    {
        var component = context.GetComponent<StreamSubscriptionComponent>();
        if (component is null)
        {
            component = new StreamSubscriptionComponent();
            context.SetComponent(component);
        }
        return component;
    }

    /// <summary>Attaches or replaces the observer of <paramref name="handleId"/>.</summary>
    public void Attach(string provider, StreamId streamId, Guid handleId, object observer)
    {
        lock (_gate)
        {
            _observers.RemoveAll(o => o.HandleId == handleId);
            _observers.Add(new AttachedObserver(provider, streamId, handleId, observer));
        }
    }

    public bool Detach(Guid handleId)
    {
        lock (_gate)
        {
            return _observers.RemoveAll(o => o.HandleId == handleId) > 0;
        }
    }

    public object? Find(string provider, StreamId streamId, Guid handleId)
    {
        lock (_gate)
        {
            foreach (var o in _observers)
            {
                if (o.HandleId == handleId && o.StreamId == streamId && o.Provider == provider)
                {
                    return o.Observer;
                }
            }
            return null;
        }
    }

    private sealed record AttachedObserver(string Provider, StreamId StreamId, Guid HandleId, object Observer);
}
