using System.Collections.Concurrent;

namespace BkMonitor.UnitTests.Runtime;

/// <summary>What test grains report to the test, by grain key: an event log to wait on, gates, concurrency counters.</summary>
public sealed class GrainProbe
{
    private static readonly ConcurrentDictionary<string, GrainProbe> Probes = new();
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly List<string> _events = [];
    private readonly List<(Func<List<string>, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private int _executing;
    private int _inProgress;
    private int _maxExecuting;
    private int _maxInProgress;

    public static GrainProbe For(string key) => Probes.GetOrAdd(key, _ => new GrainProbe());

    public static string NewKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>Blocks grain methods until the test opens it.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Opened only at cleanup: a call waiting on it "never completes" during the test.</summary>
    public TaskCompletionSource Never { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int MaxExecuting => Volatile.Read(ref _maxExecuting);

    public int MaxInProgress => Volatile.Read(ref _maxInProgress);

    public int InProgress => Volatile.Read(ref _inProgress);

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_lock)
            {
                return _events.ToArray();
            }
        }
    }

    public int Count(string name)
    {
        lock (_lock)
        {
            return _events.Count(e => e == name);
        }
    }

    public void Record(string name)
    {
        List<TaskCompletionSource> done = [];
        lock (_lock)
        {
            _events.Add(name);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition(_events))
                {
                    done.Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }
        foreach (var d in done)
        {
            d.TrySetResult();
        }
    }

    /// <summary>Completes when <paramref name="name"/> was recorded <paramref name="times"/> times (fails after a generous guard, never used as a delay).</summary>
    public Task WaitFor(string name, int times = 1) => WaitUntil(events => events.Count(e => e == name) >= times);

    public Task WaitUntil(Func<List<string>, bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (condition(_events))
            {
                return Task.CompletedTask;
            }
            _waiters.Add((condition, done));
        }
        return done.Task.WaitAsync(Guard);
    }

    /// <summary>Marks the start of a synchronous slice of grain code (a turn).</summary>
    public void EnterTurn() => Max(ref _maxExecuting, Interlocked.Increment(ref _executing));

    public void ExitTurn() => Interlocked.Decrement(ref _executing);

    public int EnterRequest()
    {
        var n = Interlocked.Increment(ref _inProgress);
        Max(ref _maxInProgress, n);
        return n;
    }

    public void ExitRequest() => Interlocked.Decrement(ref _inProgress);

    private static void Max(ref int max, int value)
    {
        var current = Volatile.Read(ref max);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref max, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}
