namespace BkMonitor.Runtime.Testing;

/// <summary>
/// A clock that moves only when told. <see cref="Advance"/> and <see cref="SetUtcNow"/> fire the timers that
/// fall due, synchronously on the calling thread, in due-time order (creation order on ties), with the
/// clock set to each timer's due time while its callback runs. Timestamps are in ticks since the start time.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<FakeTimer> _timers = [];
    private readonly DateTimeOffset _start;
    private DateTimeOffset _now;
    private long _sequence;

    public FakeTimeProvider()
        : this(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public FakeTimeProvider(DateTimeOffset startTime)
    {
        _start = startTime;
        _now = startTime;
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Timers created and not disposed (scheduled or not).</summary>
    public int TimerCount
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count;
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => (GetUtcNow() - _start).Ticks;

    public void Advance(TimeSpan delta)
    {
        if (delta < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "Time only moves forward.");
        }
        SetUtcNow(GetUtcNow() + delta);
    }

    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_lock)
        {
            if (value < _now)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"Time only moves forward (now {_now:O}).");
            }
        }
        FireDue(value);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new FakeTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
        }
        timer.Change(dueTime, period);
        return timer;
    }

    private void FireDue(DateTimeOffset until)
    {
        while (true)
        {
            FakeTimer? due = null;
            lock (_lock)
            {
                foreach (var timer in _timers)
                {
                    if (timer.DueAt is { } at && at <= until
                        && (due is null || at < due.DueAt || (at == due.DueAt && timer.Sequence < due.Sequence)))
                    {
                        due = timer;
                    }
                }
                if (due is null)
                {
                    if (until > _now)
                    {
                        _now = until;
                    }
                    return;
                }
                if (due.DueAt!.Value > _now)
                {
                    _now = due.DueAt.Value;
                }
                due.DueAt = due.Period is { } period ? _now + period : null;
                due.Sequence = ++_sequence;
            }
            due.Callback(due.State);
        }
    }

    private void Schedule(FakeTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "Due time must be zero or positive, or Timeout.InfiniteTimeSpan.");
        }
        if (period < TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "Period must be zero or positive, or Timeout.InfiniteTimeSpan.");
        }
        bool fireNow;
        DateTimeOffset now;
        lock (_lock)
        {
            if (!_timers.Contains(timer))
            {
                return; // disposed
            }
            // As System.Threading.Timer: a zero or infinite period means one-shot.
            timer.Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
            timer.DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : _now + dueTime;
            timer.Sequence = ++_sequence;
            fireNow = dueTime == TimeSpan.Zero;
            now = _now;
        }
        if (fireNow)
        {
            FireDue(now);
        }
    }

    private bool Remove(FakeTimer timer)
    {
        lock (_lock)
        {
            return _timers.Remove(timer);
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan? Period { get; set; }

        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            owner.Remove(this);
            return ValueTask.CompletedTask;
        }
    }
}
