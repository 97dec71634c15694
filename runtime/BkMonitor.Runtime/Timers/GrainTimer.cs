using BkMonitor.Runtime.Activation;
using BkMonitor.Runtime.Diagnostics;
using BkMonitor.Runtime.Messaging;

namespace BkMonitor.Runtime.Timers;

/// <summary>
/// A grain timer. Each tick is a message of the activation (a turn, non-interleaving unless the options
/// say so), and the timer object is itself that message: ticks never overlap, so it is never queued twice.
/// As in Orleans the next tick is armed only after the previous callback completed, so a slow callback
/// delays the schedule instead of piling up ticks. The clock is the silo's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class GrainTimer : Message, IGrainTimer
{
    private readonly ActivationData _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _cancellation = new();
    private TimeSpan _dueTime;
    private TimeSpan _period;
    private int _inFlight;
    private int _disposed;
    private Task? _running;
    private Action? _onCallbackCompleted;

    public GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
        : base(activation.GrainId, (options.Interleave ? MessageFlags.Interleave : MessageFlags.None) | (options.KeepAlive ? MessageFlags.KeepsAlive : MessageFlags.None))
    {
        Validate(options.DueTime, options.Period);
        _activation = activation;
        _callback = callback;
        _dueTime = options.DueTime;
        _period = options.Period;
        _timer = activation.Silo.TimeProvider.CreateTimer(static s => ((GrainTimer)s!).OnTimerFired(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public void Start() => _timer.Change(_dueTime, Timeout.InfiniteTimeSpan);

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, period);
        _dueTime = dueTime;
        _period = period;
        if (!IsDisposed)
        {
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    public override void Invoke(ActivationData activation)
    {
        if (IsDisposed)
        {
            Completed();
            return;
        }
        activation.Silo.Instruments.TimerTicks.Add(1);
        Task task;
        try
        {
            task = _callback(_cancellation.Token);
        }
        catch (Exception ex)
        {
            RuntimeLog.TimerCallbackFailed(activation.Silo.Logger, ex, GrainId);
            Completed();
            return;
        }
        if (task.IsCompleted)
        {
            Observe(task);
            Completed();
            return;
        }
        _running = task;
        task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onCallbackCompleted ??= OnCallbackCompleted);
    }

    public override void Redirect() => Volatile.Write(ref _inFlight, 0); // a tick belongs to its activation, it is not forwarded

    public override void Fail(Exception exception) => Volatile.Write(ref _inFlight, 0);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _timer.Dispose();
        _cancellation.Cancel();
        _activation.RemoveTimer(this);
    }

    private GrainId GrainId => _activation.GrainId;

    private void OnTimerFired()
    {
        if (IsDisposed || Interlocked.Exchange(ref _inFlight, 1) != 0)
        {
            return;
        }
        if (!_activation.TryEnqueue(this))
        {
            Volatile.Write(ref _inFlight, 0);
        }
    }

    private void OnCallbackCompleted()
    {
        var task = _running!;
        _running = null;
        Observe(task);
        Completed();
    }

    private void Observe(Task task)
    {
        if (task.IsFaulted)
        {
            RuntimeLog.TimerCallbackFailed(_activation.Silo.Logger, task.Exception!.GetBaseException(), GrainId);
        }
    }

    private void Completed()
    {
        // Re-arm before releasing the turn, so a request queued behind this tick sees the next tick scheduled.
        Volatile.Write(ref _inFlight, 0);
        if (!IsDisposed && _period != Timeout.InfiniteTimeSpan)
        {
            _timer.Change(_period, Timeout.InfiniteTimeSpan);
        }
        _activation.OnMessageCompleted(this);
    }

    private static void Validate(TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "A timer's due time must be zero or positive, or Timeout.InfiniteTimeSpan.");
        }
        if (period <= TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A timer's period must be positive, or Timeout.InfiniteTimeSpan for a one-shot timer.");
        }
    }
}
