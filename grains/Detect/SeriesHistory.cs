using BkMonitor.GrainInterfaces.Access;
using BkMonitor.GrainInterfaces.Detect;

namespace BkMonitor.Grains.Detect;

/// <summary>
/// The history one strategy item's algorithms read: the values of the records detect has seen lately and,
/// on a miss, the whole bucket loaded once from the source for every series (so a year-round lookup costs
/// one query per timestamp per batch, not one per point). Without a loader only seen values exist. Values
/// are kept per series (<see cref="SeriesValueLog"/>); a columnar batch finds its series' logs by index.
/// </summary>
internal sealed class SeriesHistory : IHistorySource
{
    private readonly Dictionary<string, SeriesValueLog> _series = new(StringComparer.Ordinal);
    private readonly HashSet<long> _loadedBuckets = [];
    private readonly IHistoryBucketLoader? _loader;
    private readonly long _keepSeconds;
    private readonly int _pointsKept;
    private long _newest = long.MinValue;
    private long _evictedAt = long.MinValue;
    private SeriesTable? _table;
    private SeriesValueLog[] _byIndex = [];
    private string? _focusKey;
    private SeriesValueLog? _focusLog;

    /// <param name="keepSeconds">How long seen values stay cached behind the newest data time.</param>
    /// <param name="pointsKept">How many values a series holds once its history is full (a log is made that large at
    /// once: grown step by step, every series of a table would re-allocate in the same periods).</param>
    public SeriesHistory(IHistoryBucketLoader? loader, long keepSeconds, int pointsKept = 8)
    {
        _loader = loader;
        _keepSeconds = keepSeconds;
        _pointsKept = Math.Clamp(pointsKept, 1, 1024);
    }

    /// <summary>The number of cached values.</summary>
    public int Count
    {
        get
        {
            var count = 0;
            foreach (var log in _series.Values) count += log.Count;
            return count;
        }
    }

    /// <summary>Caches the values of records about to be detected (a backfill's earlier points are history for its later ones).</summary>
    public void Record(IReadOnlyList<DataPointRecord> records)
    {
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            if (record.Value is not { } value) continue;
            LogOf(record.DimensionsMd5).Record(record.Time, value);
            if (record.Time > _newest) _newest = record.Time;
        }
    }

    /// <summary>Caches the values of a columnar batch about to be detected.</summary>
    public void Record(ItemColumns columns)
    {
        var logs = LogsOf(columns.Table);
        for (var i = 0; i < columns.Count; i++)
        {
            var time = columns.Times[i];
            logs[columns.Series[i]].Record(time, columns.Values[i]);
            if (time > _newest) _newest = time;
        }
    }

    /// <summary>
    /// The series the next lookups are for (the point a columnar batch is detecting): its log is taken by index, not
    /// found by hashing its key. Ignored for a table other than the one last recorded.
    /// </summary>
    public void Focus(SeriesTable table, int series)
    {
        if (!ReferenceEquals(table, _table)) return;
        _focusKey = table.Md5[series];
        _focusLog = _byIndex[series];
    }

    public bool TryGetValue(string seriesKey, long timestamp, out double value)
    {
        var log = ReferenceEquals(seriesKey, _focusKey) ? _focusLog : null;
        if (log is not null || _series.TryGetValue(seriesKey, out log))
        {
            if (log.TryGetValue(timestamp, out value)) return true;
        }
        value = 0;
        if (_loader is null || !_loadedBuckets.Add(timestamp)) return false;
        foreach (var (series, loaded) in _loader.Load(timestamp))
        {
            var target = LogOf(series);
            if (!target.TryGetValue(timestamp, out _)) target.Record(timestamp, loaded);
        }
        return _series.TryGetValue(seriesKey, out log) && log.TryGetValue(timestamp, out value);
    }

    /// <summary>Forgets what lies more than the keep time behind the newest data (at most once per keep/8).</summary>
    public void Evict()
    {
        if (_newest == long.MinValue || (_evictedAt != long.MinValue && _newest - _evictedAt < Math.Max(1, _keepSeconds / 8))) return;
        _evictedAt = _newest;
        var oldest = _newest - _keepSeconds;
        List<string>? empty = null;
        foreach (var (series, log) in _series)
        {
            log.RemoveOlderThan(oldest);
            if (log.Count == 0) (empty ??= []).Add(series);
        }
        if (empty is not null)
        {
            foreach (var series in empty) _series.Remove(series);
            _table = null; // the index may hold a removed log
            _focusKey = null;
            _focusLog = null;
        }
        _loadedBuckets.RemoveWhere(t => t < oldest);
    }

    private SeriesValueLog LogOf(string series)
    {
        if (!_series.TryGetValue(series, out var log)) _series[series] = log = new SeriesValueLog(_pointsKept);
        return log;
    }

    /// <summary>The logs of a table's series by index; rebuilt only for a new table instance (or after an eviction emptied a log).</summary>
    private SeriesValueLog[] LogsOf(SeriesTable table)
    {
        if (ReferenceEquals(table, _table)) return _byIndex;
        var logs = new SeriesValueLog[table.Count];
        for (var i = 0; i < logs.Length; i++) logs[i] = LogOf(table.Md5[i]);
        _table = table;
        _byIndex = logs;
        return logs;
    }
}
