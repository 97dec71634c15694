namespace BkMonitor.Runtime.Streams;

/// <summary>
/// The activation whose turn is running on this async flow. Stream subscriptions use it to tell a grain's
/// subscription (owned by the activation, delivered as turns) from a client's (an observer called directly).
/// A runtime whose activations are the <see cref="SynchronizationContext"/> of their turns needs no wiring;
/// any other runtime (or a test host) enters the context around every turn, OnActivateAsync included.
/// </summary>
public static class CurrentGrainContext
{
    private static readonly AsyncLocal<IGrainContext?> Slot = new();

    public static IGrainContext? Current => Slot.Value ?? SynchronizationContext.Current as IGrainContext;

    /// <summary>Marks <paramref name="context"/> as current until the returned scope is disposed (or the calling async method returns).</summary>
    public static Scope Enter(IGrainContext? context)
    {
        var previous = Slot.Value;
        Slot.Value = context;
        return new Scope(previous);
    }

    public readonly struct Scope(IGrainContext? previous) : IDisposable
    {
        public void Dispose() => Slot.Value = previous;
    }
}
