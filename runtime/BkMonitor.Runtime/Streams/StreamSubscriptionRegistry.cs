using System.Collections.Concurrent;

namespace BkMonitor.Runtime.Streams;

/// <summary>
/// A provider's explicit subscriptions by stream: grain subscriptions (grain id + handle; the observer lives in
/// the activation) and client observers. Copy-on-write arrays keep the per-event read lock-free. Silos of an
/// in-process cluster may share one instance so a subscription made on one silo sees events produced on another.
/// </summary>
internal sealed class StreamSubscriptionRegistry
{
    private readonly ConcurrentDictionary<StreamId, StreamSubscription[]> _byStream = new();

    public StreamSubscription[] Get(StreamId streamId) => _byStream.TryGetValue(streamId, out var subscriptions) ? subscriptions : [];

    public void Add(StreamSubscription subscription)
        => _byStream.AddOrUpdate(subscription.StreamId, static (_, s) => [s], static (_, existing, s) => [.. existing, s], subscription);

    public bool Remove(StreamId streamId, Guid handleId) => Update(streamId, handleId, null, remove: true);

    /// <summary>Swaps the observer of a client subscription (resume); false when the handle is unknown.</summary>
    public bool Replace(StreamId streamId, Guid handleId, object observer) => Update(streamId, handleId, observer, remove: false);

    private bool Update(StreamId streamId, Guid handleId, object? observer, bool remove)
    {
        while (_byStream.TryGetValue(streamId, out var existing))
        {
            var index = Array.FindIndex(existing, s => s.HandleId == handleId);
            if (index < 0)
            {
                return false;
            }
            StreamSubscription[] updated;
            if (remove)
            {
                updated = [.. existing[..index], .. existing[(index + 1)..]];
            }
            else
            {
                updated = [.. existing];
                updated[index] = existing[index] with { Observer = observer };
            }
            var swapped = updated.Length == 0
                ? _byStream.TryRemove(new KeyValuePair<StreamId, StreamSubscription[]>(streamId, existing))
                : _byStream.TryUpdate(streamId, updated, existing);
            if (swapped)
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>One explicit subscription: a grain's (Grain set, observer in the activation) or a client's (Observer set).</summary>
internal sealed record StreamSubscription(Guid HandleId, StreamId StreamId, GrainId? Grain, object? Observer);
