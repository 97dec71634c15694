namespace BkMonitor.Grains.Detect;

/// <summary>History kept in a dictionary; for tests and as the cache a detect grain fills from its own points.</summary>
public sealed class InMemoryHistorySource : IHistorySource
{
    private readonly Dictionary<(string Series, long Timestamp), double> _values = [];

    public int Count => _values.Count;

    public void Record(string seriesKey, long timestamp, double value) => _values[(seriesKey, timestamp)] = value;

    public bool TryGetValue(string seriesKey, long timestamp, out double value) =>
        _values.TryGetValue((seriesKey, timestamp), out value);

    /// <summary>Drops every value older than <paramref name="oldestKept"/>; returns how many were removed.</summary>
    public int RemoveOlderThan(long oldestKept)
    {
        var removed = 0;
        foreach (var key in _values.Keys)
        {
            if (key.Timestamp < oldestKept && _values.Remove(key)) removed++;
        }
        return removed;
    }
}
