namespace BkMonitor.Runtime;

/// <summary>
/// The activation under construction on this thread, read by the <see cref="Grain"/> constructor so that
/// generated factories can construct grains with plain <c>new</c> (no reflection on the activation path).
/// </summary>
public static class RuntimeContext
{
    [ThreadStatic]
    private static IGrainContext? _activating;

    public static IGrainContext? Activating => _activating;

    /// <summary>Used by the runtime around a grain constructor call.</summary>
    public static ActivatingScope BeginActivating(IGrainContext context)
    {
        var previous = _activating;
        _activating = context;
        return new ActivatingScope(previous);
    }

    public readonly struct ActivatingScope(IGrainContext? previous) : IDisposable
    {
        public void Dispose() => _activating = previous;
    }
}
