namespace BkMonitor.IntegrationTests.Delivery;

/// <summary>The real clock, remembering every timer it was asked for, so tests can read the backoff waits a sender chose.</summary>
public sealed class RecordingTimeProvider : TimeProvider
{
    private readonly List<TimeSpan> _timers = [];

    public IReadOnlyList<TimeSpan> Timers
    {
        get
        {
            lock (_timers) return _timers.ToList();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_timers) _timers.Add(dueTime);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
