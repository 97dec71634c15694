using Microsoft.Extensions.Logging;

namespace BkMonitor.Runtime.Reminders;

/// <summary>
/// One reminder run by this silo: a loop that waits on the silo's clock for the next grid tick and delivers
/// it as a grain call. The next tick is computed only after the previous delivery completed, so a slow
/// grain never sees overlapping ticks; ticks it overran collapse into one.
/// </summary>
internal sealed class LocalReminder(ReminderEntry entry, DateTime? lastTick, LocalReminderService service)
{
    // Task.Delay with a TimeProvider accepts at most ~49 days; longer waits are taken in steps.
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    // Drift between reading the clock and arming the timer beyond this restarts the wait (see WaitAsync).
    private static readonly TimeSpan ClockJumpTolerance = TimeSpan.FromMilliseconds(5);

    private readonly CancellationTokenSource _stop = new();
    private DateTime? _lastTick = lastTick;

    public ReminderEntry Entry { get; } = entry;

    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start()
    {
        // Registration may happen inside a grain turn: the loop must not inherit that turn's ambient context.
        using (ExecutionContext.SuppressFlow())
        {
            Completion = Task.Run(RunAsync);
        }
    }

    /// <summary>Stops future ticks; a delivery in progress completes (it may be the caller that stops us).</summary>
    public void Stop() => _stop.Cancel();

    private async Task RunAsync()
    {
        var cancellation = _stop.Token;
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                var now = service.Time.GetUtcNow().UtcDateTime;
                var tick = ReminderSchedule.TickToDeliver(Entry.StartAt, Entry.Period, _lastTick, now, out var wait);
                if (tick is null)
                {
                    await WaitAsync(now, wait < MaxWait ? wait : MaxWait, cancellation);
                    continue;
                }
                await DeliverAsync(tick.Value, cancellation);
                _lastTick = tick;
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Waits <paramref name="wait"/> from <paramref name="readAt"/>. A timer counts from when it is created, so
    /// if the clock jumped between reading it and creating the timer (a fake clock advanced by a test, or this
    /// thread preempted) the timer would fire that much late: the wait is then given up and the loop re-reads
    /// the clock instead.
    /// </summary>
    private async Task WaitAsync(DateTime readAt, TimeSpan wait, CancellationToken cancellation)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var delay = Task.Delay(wait, service.Time, timer.Token);
        if (service.Time.GetUtcNow().UtcDateTime - readAt > ClockJumpTolerance)
        {
            timer.Cancel();
            await delay.ContinueWith(static _ => { }, TaskScheduler.Default);
            return;
        }
        await delay;
    }

    private async Task DeliverAsync(DateTime tickTime, CancellationToken cancellation)
    {
        if (cancellation.IsCancellationRequested)
        {
            return;
        }
        var grainId = Entry.GrainId;
        try
        {
            var request = new ReminderTickRequest(Entry.ReminderName, new TickStatus(Entry.StartAt, Entry.Period, tickTime));
            await service.CallRuntime.InvokeAsync(grainId, request);
            // Tardiness ends when the grain has handled the tick, so a saturated silo shows in it, not only a late timer.
            service.Instruments.Delivered(grainId.Type, service.Time.GetUtcNow().UtcDateTime - tickTime);
        }
        catch (Exception ex)
        {
            // The schedule goes on: a failing grain gets its next tick on the grid, not a retry storm.
            service.Instruments.Failed(grainId.Type);
            ReminderLog.TickFailed(service.Logger, ex, grainId, Entry.ReminderName, tickTime);
            return;
        }
        if (service.DeliveryLog is { } log && Entry.ETag is { } eTag)
        {
            try
            {
                await log.RecordDeliveryAsync(grainId, Entry.ReminderName, eTag, tickTime);
            }
            catch (Exception ex)
            {
                ReminderLog.RecordFailed(service.Logger, ex, grainId, Entry.ReminderName);
            }
        }
    }
}
