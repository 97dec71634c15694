namespace BkMonitor.Runtime;

/// <summary>A non-durable activation timer; callbacks run as turns and do not overlap.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes due time and period; <see cref="Timeout.InfiniteTimeSpan"/> period fires once.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}

/// <summary>Timer options, as Orleans' GrainTimerCreationOptions.</summary>
public sealed record GrainTimerCreationOptions(TimeSpan DueTime, TimeSpan Period)
{
    /// <summary>When true, the callback may interleave with other requests.</summary>
    public bool Interleave { get; init; }

    /// <summary>When true, a tick keeps the activation from idle collection.</summary>
    public bool KeepAlive { get; init; }
}
