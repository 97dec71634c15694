namespace BkMonitor.Grains.Alerts;

/// <summary>
/// A stored set of watched items checked in rounds (the alert keys of a watch list, the shards of a manager): a round
/// checks a snapshot of the set, a bounded number of items at a time, and forgets the items whose check says they are
/// done, except those watched again while the round ran (their "done" answer is already stale). Used from one
/// activation's turns only (not thread-safe); the set object is the activation's stored state.
/// </summary>
internal sealed class WatchRounds<T>(HashSet<T> items, int inFlight)
    where T : notnull
{
    private readonly HashSet<T> _watchedThisRound = [];
    private bool _inRound;

    public int Count => items.Count;

    /// <summary>Watches <paramref name="item"/>; true when it was not watched before (the set must be stored).</summary>
    public bool Watch(T item)
    {
        if (_inRound) _watchedThisRound.Add(item);
        return items.Add(item);
    }

    public IReadOnlyList<T> List() => [.. items];

    /// <summary>
    /// Runs one round: <paramref name="isDone"/> for every item watched when it starts; returns how many were forgotten
    /// (the set must be stored when that is not 0). A check that throws counts as "not done" (the next round retries).
    /// </summary>
    public async Task<int> RunAsync(Func<T, Task<bool>> isDone, Action<T, Exception> failed)
    {
        var snapshot = items.ToArray();
        var done = new List<T>();
        _watchedThisRound.Clear();
        _inRound = true;
        try
        {
            for (var first = 0; first < snapshot.Length; first += inFlight)
            {
                var chunk = snapshot[first..Math.Min(first + inFlight, snapshot.Length)];
                var answers = await Task.WhenAll(chunk.Select(item => CheckAsync(item, isDone, failed)));
                for (var i = 0; i < chunk.Length; i++)
                {
                    if (answers[i]) done.Add(chunk[i]);
                }
            }
        }
        finally
        {
            _inRound = false;
        }
        var forgotten = 0;
        foreach (var item in done)
        {
            if (!_watchedThisRound.Contains(item) && items.Remove(item)) forgotten++;
        }
        _watchedThisRound.Clear();
        return forgotten;
    }

    private static async Task<bool> CheckAsync(T item, Func<T, Task<bool>> isDone, Action<T, Exception> failed)
    {
        try
        {
            return await isDone(item);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failed(item, e);
            return false;
        }
    }
}
