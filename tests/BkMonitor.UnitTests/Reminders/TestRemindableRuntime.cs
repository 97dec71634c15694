using System.Threading.Channels;
using BkMonitor.Runtime;

namespace BkMonitor.UnitTests.Reminders;

/// <summary>
/// Stands in for the silo's call runtime: every grain id maps to a <see cref="TestRemindable"/> and requests
/// run against it, so the reminder service's own request class is exercised. Ticks are recorded in order.
/// </summary>
internal sealed class TestRemindableRuntime : IGrainCallRuntime
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);
    private readonly Dictionary<GrainId, TestRemindable> _grains = [];
    private readonly Channel<RecordedTick> _ticks = Channel.CreateUnbounded<RecordedTick>();
    private readonly List<RecordedTick> _all = [];
    private int _inFlight;

    /// <summary>Runs inside each tick, before it completes (to block, or to throw like a failing grain).</summary>
    public Func<RecordedTick, Task>? OnTick { get; set; }

    public int MaxConcurrentTicks { get; private set; }

    public IReadOnlyList<RecordedTick> AllTicks
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    public async ValueTask<TResult> InvokeAsync<TResult>(GrainId target, GrainRequest<TResult> request)
    {
        TestRemindable grain;
        lock (_grains)
        {
            if (!_grains.TryGetValue(target, out grain!))
            {
                grain = new TestRemindable(target, this);
                _grains[target] = grain;
            }
        }
        return await request.InvokeAsync(grain);
    }

    public void InvokeOneWay<TResult>(GrainId target, GrainRequest<TResult> request) => _ = InvokeAsync(target, request).AsTask();

    public async Task<RecordedTick> NextTickAsync()
    {
        using var timeout = new CancellationTokenSource(WaitLimit);
        return await _ticks.Reader.ReadAsync(timeout.Token);
    }

    public int Count
    {
        get
        {
            lock (_all)
            {
                return _all.Count;
            }
        }
    }

    internal async Task ReceiveAsync(RecordedTick tick)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        lock (_all)
        {
            MaxConcurrentTicks = Math.Max(MaxConcurrentTicks, inFlight);
            _all.Add(tick);
        }
        try
        {
            _ticks.Writer.TryWrite(tick);
            if (OnTick is { } onTick)
            {
                await onTick(tick);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}

internal sealed record RecordedTick(GrainId GrainId, string ReminderName, TickStatus Status);

internal sealed class TestRemindable(GrainId grainId, TestRemindableRuntime runtime) : IRemindable
{
    public Task ReceiveReminder(string reminderName, TickStatus status) => runtime.ReceiveAsync(new RecordedTick(grainId, reminderName, status));
}
