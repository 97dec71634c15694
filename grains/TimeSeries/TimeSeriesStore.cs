using System.Collections.Concurrent;

namespace BkMonitor.Grains.TimeSeries;

/// <summary>
/// The built-in time-series store of the embedded default: result table → metric → series → points,
/// kept for <see cref="Retention"/>. Thread-safe; each result table has its own lock, so ingest into one
/// table does not stall queries of another.
/// </summary>
public sealed class TimeSeriesStore(TimeSpan retention) : ITimeSeriesSource
{
    private readonly ConcurrentDictionary<string, Table> _tables = new(StringComparer.Ordinal);

    public TimeSpan Retention { get; } = retention > TimeSpan.Zero
        ? retention
        : throw new ArgumentOutOfRangeException(nameof(retention), retention, "Retention must be positive.");

    /// <summary>Stores one point; a point older than the retention relative to <paramref name="nowSeconds"/> is refused.</summary>
    public bool Append(string resultTable, string metric, SeriesKey series, long time, double value, long nowSeconds)
    {
        if (time < nowSeconds - (long)Retention.TotalSeconds || !double.IsFinite(value))
        {
            return false;
        }
        var table = _tables.GetOrAdd(resultTable, static _ => new Table());
        lock (table)
        {
            if (!table.Metrics.TryGetValue(metric, out var seriesMap))
            {
                seriesMap = new Dictionary<SeriesKey, SeriesBuffer>();
                table.Metrics[metric] = seriesMap;
            }
            if (!seriesMap.TryGetValue(series, out var buffer))
            {
                buffer = new SeriesBuffer();
                seriesMap[series] = buffer;
            }
            buffer.Add(time, value);
        }
        return true;
    }

    /// <summary>Drops points past the retention and series left empty; returns the number of points dropped.</summary>
    public int Compact(long nowSeconds)
    {
        var minTime = nowSeconds - (long)Retention.TotalSeconds;
        var dropped = 0;
        foreach (var table in _tables.Values)
        {
            lock (table)
            {
                foreach (var seriesMap in table.Metrics.Values)
                {
                    List<SeriesKey>? empty = null;
                    foreach (var (key, buffer) in seriesMap)
                    {
                        dropped += buffer.TrimBefore(minTime);
                        if (buffer.Count == 0) (empty ??= []).Add(key);
                    }
                    empty?.ForEach(k => seriesMap.Remove(k));
                }
            }
        }
        return dropped;
    }

    public Task<IReadOnlyList<SeriesBucket>> QueryAsync(TimeSeriesQuery query, CancellationToken cancellationToken)
        => Task.FromResult(Query(query));

    public IReadOnlyList<SeriesBucket> Query(TimeSeriesQuery query)
    {
        var groups = QueryGroups(query);
        var result = new SeriesBucket[groups.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var (group, time, value) = groups[i];
            result[i] = new SeriesBucket(group.ToDictionary(), time, value);
        }
        return result;
    }

    /// <summary>
    /// The query's aggregated buckets with each group's <see cref="SeriesKey"/> (no dictionary per bucket), ordered by
    /// time and, within a time, by first appearance. Access keys its per-series tables by the group key.
    /// </summary>
    /// <param name="query">What to read.</param>
    /// <param name="into">A list to fill (cleared first) instead of a new one, for a caller that reads buckets every period.</param>
    public List<GroupBucket> QueryGroups(TimeSeriesQuery query, List<GroupBucket>? into = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.AggIntervalSeconds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.AggIntervalSeconds, "agg_interval must be positive.");
        }
        var result = into ?? [];
        result.Clear();
        if (!_tables.TryGetValue(query.ResultTable, out var table)) return result;
        lock (table)
        {
            if (!table.Metrics.TryGetValue(query.Metric, out var seriesMap)) return result;
            if (!AggregateEachSeries(seriesMap, query, result))
            {
                result.Clear();
                AggregateGroups(seriesMap, query, result);
            }
        }
        if (!IsSortedByTime(result)) SortStableByTime(result);
        return result;
    }

    /// <summary>
    /// The common access query groups by every dimension a series has: then no two series share a group, and each
    /// series' points, sorted by time, fall into consecutive buckets (one accumulator per run, no map). False, with a
    /// partial result, as soon as a series would share its group: the caller aggregates by group instead.
    /// </summary>
    private static bool AggregateEachSeries(Dictionary<SeriesKey, SeriesBuffer> seriesMap, TimeSeriesQuery query, List<GroupBucket> result)
    {
        result.EnsureCapacity(seriesMap.Count);
        foreach (var (key, buffer) in seriesMap)
        {
            if (!ReferenceEquals(key.Project(query.GroupBy), key)) return false;
            if (query.Filter is { } filter && !filter(key.ToDictionary())) continue;
            var (start, end) = buffer.Range(query.From, query.Until);
            var i = start;
            while (i < end)
            {
                var bucket = FloorTo(buffer.TimeAt(i), query.AggIntervalSeconds);
                var acc = default(BucketAccumulator);
                for (; i < end && FloorTo(buffer.TimeAt(i), query.AggIntervalSeconds) == bucket; i++) acc.Add(buffer.TimeAt(i), buffer.ValueAt(i));
                result.Add(new GroupBucket(key, bucket, acc.Result(query.AggMethod)));
            }
        }
        return true;
    }

    private static void AggregateGroups(Dictionary<SeriesKey, SeriesBuffer> seriesMap, TimeSeriesQuery query, List<GroupBucket> result)
    {
        var groups = new Dictionary<(SeriesKey Group, long Bucket), BucketAccumulator>(seriesMap.Count);
        foreach (var (key, buffer) in seriesMap)
        {
            if (query.Filter is { } filter && !filter(key.ToDictionary())) continue;
            var group = key.Project(query.GroupBy);
            var (start, end) = buffer.Range(query.From, query.Until);
            for (var i = start; i < end; i++)
            {
                var time = buffer.TimeAt(i);
                var bucket = FloorTo(time, query.AggIntervalSeconds);
                ref var acc = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(groups, (group, bucket), out _);
                acc.Add(time, buffer.ValueAt(i));
            }
        }
        result.EnsureCapacity(groups.Count);
        foreach (var ((group, bucket), acc) in groups) result.Add(new GroupBucket(group, bucket, acc.Result(query.AggMethod)));
    }

    private static bool IsSortedByTime(List<GroupBucket> buckets)
    {
        for (var i = 1; i < buckets.Count; i++)
        {
            if (buckets[i].Time < buckets[i - 1].Time) return false;
        }
        return true;
    }

    private static void SortStableByTime(List<GroupBucket> buckets)
    {
        var order = new int[buckets.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        var snapshot = buckets.ToArray();
        Array.Sort(order, (a, b) => snapshot[a].Time != snapshot[b].Time ? snapshot[a].Time.CompareTo(snapshot[b].Time) : a.CompareTo(b));
        for (var i = 0; i < order.Length; i++) buckets[i] = snapshot[order[i]];
    }

    /// <summary>Number of series and points, for metrics and health.</summary>
    public (int Series, long Points) Size()
    {
        var series = 0;
        long points = 0;
        foreach (var table in _tables.Values)
        {
            lock (table)
            {
                foreach (var seriesMap in table.Metrics.Values)
                {
                    series += seriesMap.Count;
                    foreach (var buffer in seriesMap.Values) points += buffer.Count;
                }
            }
        }
        return (series, points);
    }

    public static long FloorTo(long time, long interval) => time >= 0 ? time / interval * interval : ((time - interval + 1) / interval) * interval;

    private sealed class Table
    {
        public Dictionary<string, Dictionary<SeriesKey, SeriesBuffer>> Metrics { get; } = new(StringComparer.Ordinal);
    }
}
