namespace BkMonitor.Grains.Access;

/// <summary>
/// Record ids already handed to detect, per data time. Each run re-pulls one period before the
/// checkpoint for late data; this set keeps the overlap from being detected twice. The strategy grain
/// keeps it in its state (<see cref="Snapshot"/>) and prunes what no window can reach any more.
/// </summary>
public sealed class AccessDeduplicator
{
    private readonly Dictionary<long, HashSet<string>> _seen = [];

    public AccessDeduplicator()
    {
    }

    public AccessDeduplicator(IReadOnlyDictionary<long, IReadOnlyCollection<string>> snapshot)
    {
        foreach (var (time, ids) in snapshot) _seen[time] = new HashSet<string>(ids, StringComparer.Ordinal);
    }

    public int Count => _seen.Values.Sum(s => s.Count);

    public bool Contains(long time, string recordId) => _seen.TryGetValue(time, out var ids) && ids.Contains(recordId);

    public void Add(long time, string recordId)
    {
        if (!_seen.TryGetValue(time, out var ids))
        {
            ids = new HashSet<string>(StringComparer.Ordinal);
            _seen[time] = ids;
        }
        ids.Add(recordId);
    }

    /// <summary>Forgets every time before <paramref name="time"/> (a window start: nothing older is pulled again).</summary>
    public void PruneBefore(long time)
    {
        foreach (var stale in _seen.Keys.Where(t => t < time).ToList()) _seen.Remove(stale);
    }

    public IReadOnlyDictionary<long, IReadOnlyCollection<string>> Snapshot() =>
        _seen.ToDictionary(p => p.Key, p => (IReadOnlyCollection<string>)p.Value.Order(StringComparer.Ordinal).ToArray());
}
