namespace BkMonitor.UnitTests.Reminders;

/// <summary>
/// A clock that moves only when a test advances it. Timers fire in due order during <see cref="Advance"/>;
/// tests wait for a timer to be scheduled (a service parked waiting) instead of sleeping.
/// </summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public int PendingTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    /// <summary>
    /// Runs just before a timer is armed, with its due time: lets a test move the clock in the gap between a
    /// caller reading the time and arming a timer from it.
    /// </summary>
    public Action<TimeSpan>? BeforeTimerArmed { get; set; }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        BeforeTimerArmed?.Invoke(dueTime);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way at its due time.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + by;
        }
        while (true)
        {
            ManualTimer? next = null;
            lock (_gate)
            {
                foreach (var t in _timers)
                {
                    if (t.DueAt <= target && (next is null || t.DueAt < next.DueAt))
                    {
                        next = t;
                    }
                }
                if (next is null)
                {
                    _now = target;
                    return;
                }
                if (next.DueAt > _now)
                {
                    _now = next.DueAt;
                }
                if (next.Period > TimeSpan.Zero)
                {
                    next.DueAt = _now + next.Period;
                }
                else
                {
                    _timers.Remove(next);
                }
            }
            Pulse();
            next.Fire();
        }
    }

    /// <summary>Completes once some timer is scheduled to fire exactly at <paramref name="dueAt"/>.</summary>
    public Task WaitForTimerAtAsync(DateTimeOffset dueAt) => WaitUntilAsync(() => _timers.Exists(t => t.DueAt == dueAt), $"a timer due at {dueAt:O}");

    /// <summary>Completes once no timer is scheduled at all.</summary>
    public Task WaitForNoTimersAsync() => WaitUntilAsync(() => _timers.Count == 0, "no pending timers");

    private async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (condition())
                {
                    return;
                }
                changed = _changed.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Waited {WaitLimit.TotalSeconds} s for {what}; pending timers: {Describe()}.");
            }
            await Task.WhenAny(changed, Task.Delay(left));
        }
    }

    private string Describe()
    {
        lock (_gate)
        {
            return _timers.Count == 0 ? "none" : string.Join(", ", _timers.ConvertAll(t => t.DueAt.ToString("O")));
        }
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                timer.DueAt = _now + dueTime;
                timer.Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                _timers.Add(timer);
            }
        }
        Pulse();
    }

    private void Pulse()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; set; }

        public TimeSpan Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Schedule(this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
