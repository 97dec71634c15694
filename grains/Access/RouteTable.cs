namespace BkMonitor.Grains.Access;

/// <summary>Strategies reading one result table, by metric: who must hear about data pushed for a metric.</summary>
internal sealed class RouteTable
{
    private readonly SortedDictionary<long, string[]> _readers = [];
    private readonly Dictionary<string, SortedSet<long>> _byMetric = new(StringComparer.Ordinal);

    public RouteTable(IReadOnlyDictionary<long, List<string>> readers)
    {
        foreach (var (strategyId, metrics) in readers) Set(strategyId, metrics);
    }

    public IReadOnlyList<long> Readers => [.. _readers.Keys];

    /// <summary>Sets a strategy's metrics; none removes it.</summary>
    public void Set(long strategyId, IReadOnlyList<string> metrics)
    {
        if (_readers.Remove(strategyId, out var old))
        {
            foreach (var metric in old)
            {
                if (_byMetric.TryGetValue(metric, out var ids) && ids.Remove(strategyId) && ids.Count == 0) _byMetric.Remove(metric);
            }
        }
        if (metrics.Count == 0) return;
        _readers[strategyId] = [.. metrics.Distinct(StringComparer.Ordinal)];
        foreach (var metric in _readers[strategyId])
        {
            if (!_byMetric.TryGetValue(metric, out var ids)) _byMetric[metric] = ids = [];
            ids.Add(strategyId);
        }
    }

    /// <summary>The strategies reading any of the metrics, each with the metrics it reads among them.</summary>
    public Dictionary<long, List<string>> ReadersOf(IEnumerable<string> metrics)
    {
        var result = new Dictionary<long, List<string>>();
        foreach (var metric in metrics)
        {
            if (!_byMetric.TryGetValue(metric, out var ids)) continue;
            foreach (var id in ids)
            {
                if (!result.TryGetValue(id, out var list)) result[id] = list = [];
                list.Add(metric);
            }
        }
        return result;
    }

    public Dictionary<long, List<string>> ToState()
    {
        var state = new Dictionary<long, List<string>>();
        foreach (var (id, metrics) in _readers) state[id] = [.. metrics];
        return state;
    }
}
