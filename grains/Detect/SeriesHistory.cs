using BkMonitor.GrainInterfaces.Access;
using BkMonitor.GrainInterfaces.Detect;

namespace BkMonitor.Grains.Detect;

/// <summary>
/// The history one strategy item's algorithms read: the values of the records detect has seen lately and,
/// on a miss, the whole bucket loaded once from the source for every series (so a year-round lookup costs
/// one query per timestamp per batch, not one per point). Without a loader only seen values exist.
/// </summary>
internal sealed class SeriesHistory : IHistorySource
{
    private readonly InMemoryHistorySource _values = new();
    private readonly HashSet<long> _loadedBuckets = [];
    private readonly IHistoryBucketLoader? _loader;
    private readonly long _keepSeconds;
    private long _newest = long.MinValue;
    private long _evictedAt = long.MinValue;

    /// <param name="keepSeconds">How long seen values stay cached behind the newest data time.</param>
    public SeriesHistory(IHistoryBucketLoader? loader, long keepSeconds)
    {
        _loader = loader;
        _keepSeconds = keepSeconds;
    }

    public int Count => _values.Count;

    /// <summary>Caches the values of records about to be detected (a backfill's earlier points are history for its later ones).</summary>
    public void Record(IReadOnlyList<DataPointRecord> records)
    {
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            if (record.Value is not { } value) continue;
            _values.Record(record.DimensionsMd5, record.Time, value);
            if (record.Time > _newest) _newest = record.Time;
        }
    }

    /// <summary>Caches the values of a columnar batch about to be detected.</summary>
    public void Record(ItemColumns columns)
    {
        var md5 = columns.Table.Md5;
        for (var i = 0; i < columns.Count; i++)
        {
            var time = columns.Times[i];
            _values.Record(md5[columns.Series[i]], time, columns.Values[i]);
            if (time > _newest) _newest = time;
        }
    }

    public bool TryGetValue(string seriesKey, long timestamp, out double value)
    {
        if (_values.TryGetValue(seriesKey, timestamp, out value)) return true;
        if (_loader is null || !_loadedBuckets.Add(timestamp)) return false;
        foreach (var (series, loaded) in _loader.Load(timestamp))
        {
            if (!_values.TryGetValue(series, timestamp, out _)) _values.Record(series, timestamp, loaded);
        }
        return _values.TryGetValue(seriesKey, timestamp, out value);
    }

    /// <summary>Forgets what lies more than the keep time behind the newest data (at most once per keep/8).</summary>
    public void Evict()
    {
        if (_newest == long.MinValue || (_evictedAt != long.MinValue && _newest - _evictedAt < Math.Max(1, _keepSeconds / 8))) return;
        _evictedAt = _newest;
        var oldest = _newest - _keepSeconds;
        _values.RemoveOlderThan(oldest);
        _loadedBuckets.RemoveWhere(t => t < oldest);
    }
}
