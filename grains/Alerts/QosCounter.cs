namespace BkMonitor.Grains.Alerts;

/// <summary>
/// Fixed-window counter of new alerts: the window opens with the first alert of a key and lasts
/// <see cref="WindowSeconds"/> (bk-monitor sets the Redis counter with NX + expiry, then INCRs);
/// the alert that takes the count past <see cref="Threshold"/> and every later one is blocked.
/// </summary>
internal sealed class QosCounter : IAlertQos
{
    public const int DefaultThreshold = 200;
    public const int DefaultWindowSeconds = 60;

    private readonly Dictionary<QosKey, Window> _windows = [];
    private long _lastSweep;

    public QosCounter(int threshold = DefaultThreshold, int windowSeconds = DefaultWindowSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowSeconds);
        Threshold = threshold;
        WindowSeconds = windowSeconds;
    }

    /// <summary>0 disables QoS, as in bk-monitor.</summary>
    public int Threshold { get; }

    public int WindowSeconds { get; }

    public QosVerdict Register(QosKey key, long now)
    {
        if (Threshold == 0) return Verdict(0);
        Sweep(now);
        if (_windows.TryGetValue(key, out var window) && now < window.Start + WindowSeconds)
        {
            window = window with { Count = window.Count + 1 };
        }
        else
        {
            window = new Window(now, 1);
        }
        _windows[key] = window;
        return Verdict(window.Count);
    }

    public QosVerdict Peek(QosKey key, long now)
    {
        if (Threshold == 0) return Verdict(0);
        var count = _windows.TryGetValue(key, out var window) && now < window.Start + WindowSeconds ? window.Count : 0;
        return Verdict(count);
    }

    private QosVerdict Verdict(int count) => new(Threshold > 0 && count > Threshold, count, Threshold, WindowSeconds);

    // Expired windows are dropped at most once per window length so the map stays bounded.
    private void Sweep(long now)
    {
        if (now - _lastSweep < WindowSeconds) return;
        _lastSweep = now;
        List<QosKey>? expired = null;
        foreach (var (key, window) in _windows)
        {
            if (now >= window.Start + WindowSeconds) (expired ??= []).Add(key);
        }
        if (expired is null) return;
        foreach (var key in expired) _windows.Remove(key);
    }

    private readonly record struct Window(long Start, int Count);
}
