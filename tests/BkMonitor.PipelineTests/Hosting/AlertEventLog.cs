using BkMonitor.GrainInterfaces.Trigger;

namespace BkMonitor.PipelineTests.Hosting;

/// <summary>
/// Every event the recorder grains received from <c>alert_event</c>, with the stream key it came on. Tests
/// wait on it (a completion source per waiter), never on a delay.
/// </summary>
public sealed class AlertEventLog
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private readonly List<(string Key, TriggerEvent Event)> _events = [];
    private readonly List<(long StrategyId, int Count, TaskCompletionSource Done)> _waiters = [];

    public void Add(string streamKey, TriggerEvent monitorEvent)
    {
        lock (_gate)
        {
            _events.Add((streamKey, monitorEvent));
            foreach (var waiter in _waiters.Where(w => CountOf(w.StrategyId) >= w.Count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult();
            }
        }
    }

    public IReadOnlyList<TriggerEvent> Of(long strategyId)
    {
        lock (_gate)
        {
            return _events.Where(e => e.Event.StrategyId == strategyId).Select(e => e.Event).ToList();
        }
    }

    public IReadOnlyList<string> KeysOf(long strategyId)
    {
        lock (_gate)
        {
            return _events.Where(e => e.Event.StrategyId == strategyId).Select(e => e.Key).ToList();
        }
    }

    /// <summary>Completes once the strategy has at least <paramref name="count"/> events; fails with what arrived after the bound.</summary>
    public async Task<IReadOnlyList<TriggerEvent>> WaitForAsync(long strategyId, int count)
    {
        Task done;
        lock (_gate)
        {
            if (CountOf(strategyId) >= count) return Of(strategyId);
            var waiter = (strategyId, count, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            _waiters.Add(waiter);
            done = waiter.Item3.Task;
        }
        try
        {
            await done.WaitAsync(DefaultWait);
        }
        catch (TimeoutException)
        {
            var arrived = Of(strategyId);
            throw new TimeoutException($"strategy {strategyId}: expected {count} events, got {arrived.Count}: " +
                string.Join(", ", arrived.Select(e => $"{e.Time}/L{e.Severity}")));
        }
        return Of(strategyId);
    }

    private int CountOf(long strategyId) => _events.Count(e => e.Event.StrategyId == strategyId);
}
