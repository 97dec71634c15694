namespace BkMonitor.Runtime.Streams;

/// <summary>A subscription handle: a client's (no owner), a grain's explicit one, or a grain's implicit one.</summary>
internal sealed class PubSubSubscriptionHandle<T>(StreamPubSub pubSub, StreamId streamId, Guid handleId, GrainId? owner, bool isImplicit)
    : StreamSubscriptionHandle<T>
{
    public override Guid HandleId => handleId;

    public override StreamId StreamId => streamId;

    public GrainId? Owner => owner;

    public bool IsImplicit => isImplicit;

    public override Task UnsubscribeAsync() => pubSub.UnsubscribeAsync(this);

    public override Task<StreamSubscriptionHandle<T>> ResumeAsync(IAsyncObserver<T> observer) => pubSub.ResumeAsync(this, observer);

    public override bool Equals(object? obj) => obj is PubSubSubscriptionHandle<T> other && other.HandleId == HandleId && other.StreamId == StreamId;

    public override int GetHashCode() => HashCode.Combine(HandleId, StreamId);

    public override string ToString() => $"{(isImplicit ? "implicit" : "explicit")} subscription {HandleId} to {StreamId} ({pubSub.Provider})";
}
