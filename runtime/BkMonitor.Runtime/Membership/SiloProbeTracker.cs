namespace BkMonitor.Runtime.Membership;

/// <summary>
/// Direct probing of one silo by this silo. Every probe gets the full probe timeout before it is judged (one that
/// fails fast still occupies its window, so N misses always take N timeouts); an answer that arrives late, even
/// after the probe was counted as missed, still proves the silo alive and clears the misses.
/// </summary>
internal sealed class SiloProbeTracker
{
    private Task<bool>? _pending;
    private Task<bool>? _late;
    private DateTime _sentAt;

    /// <summary>Unanswered probes in a row.</summary>
    public int MissedProbes { get; private set; }

    /// <summary>The <see cref="MissedProbes"/> count at which this silo last voted (so it votes once per new miss).</summary>
    public int VotedAtMiss { get; set; }

    /// <summary>
    /// Judges the probe in flight once its window is over and sends the next one. <paramref name="hung"/> says the
    /// silo's heartbeat is so old that an accepted connection no longer proves it alive.
    /// </summary>
    public void Advance(DateTime now, TimeSpan timeout, bool hung, Func<Task<bool>> send)
    {
        if (_late is { IsCompleted: true } late)
        {
            _late = null;
            if (Answered(late) && !hung)
            {
                Clear();
            }
        }
        if (_pending is { } pending)
        {
            if (Answered(pending) && !hung)
            {
                Clear();
            }
            if (now - _sentAt < timeout)
            {
                return;
            }
            _pending = null;
            if (hung || !Answered(pending))
            {
                MissedProbes++;
                _late = pending.IsCompleted ? null : pending;
            }
        }
        _sentAt = now;
        _pending = send();
    }

    /// <summary>This silo itself was too busy to judge in time: the probe in flight gets a fresh window.</summary>
    public void Extend(DateTime now)
    {
        if (_pending is not null)
        {
            _sentAt = now;
        }
    }

    private void Clear()
    {
        MissedProbes = 0;
        VotedAtMiss = 0;
    }

    private static bool Answered(Task<bool> probe) => probe.IsCompletedSuccessfully && probe.Result;
}
