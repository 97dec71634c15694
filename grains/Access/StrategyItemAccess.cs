using System.Globalization;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Hashing;
using BkMonitor.Grains.Strategies;

namespace BkMonitor.Grains.Access;

/// <summary>
/// Access for one strategy item (ALARM-SPEC §3): turns pulled points into detect records. Points without
/// a value or outside the window are dropped; record ids already seen (this run or an earlier one) are
/// dropped; only the oldest 10 timestamps are taken, the rest wait for the next run; the checkpoint moves
/// to the newest record taken; records outside the target range or agg_condition, or older than
/// <c>max(10*agg, 1800)</c> s, are not handed on. Built once per strategy version; reusable across runs, by
/// one caller at a time.
/// </summary>
public sealed class StrategyItemAccess
{
    public const int MaxTimestampsPerRun = 10;

    /// <summary>Series whose dimensions md5 is remembered before the memory starts over.</summary>
    private const int MaxRememberedSeries = 100_000;

    private readonly StrategyItem _item;
    private readonly string[]? _dimensionFields;
    private readonly string _valueKey;
    private readonly TargetMatcher? _target;
    private readonly ConditionMatcher _conditions;
    private readonly long _expireSeconds;
    private readonly Dictionary<string, string> _md5ByValues = new(StringComparer.Ordinal);

    public StrategyItemAccess(StrategyItem item, IHostTopology? topology = null)
    {
        if (item.QueryConfigs.Count == 0) throw new ArgumentException($"item {item.Id} has no query config", nameof(item));
        _item = item;
        var first = item.QueryConfigs[0];
        Interval = StrategyDerivations.CheckWindowUnit(item);
        // Grouped queries report exactly their group-by fields (a missing one as None); others keep all.
        _dimensionFields = first.DataTypeLabel is "time_series" or "log" ? [.. StrategyDerivations.ItemDimensions(item)] : null;
        _valueKey = item.QueryConfigs.Count == 1 ? first.MetricField ?? first.Alias ?? "_result_" : "_result_";
        _target = TargetMatcher.Create(item.Target, topology);
        _conditions = ConditionMatcher.FromAggConditions(first.AggCondition);
        _expireSeconds = Math.Max(10L * (first.AggInterval ?? StrategyDerivations.DefaultInterval), AccessWindow.MinRestartSeconds);
    }

    /// <summary>The access period: min agg_interval of the item's queries.</summary>
    public int Interval { get; }

    /// <summary>Records older than this many seconds at access time are not handed on: <c>max(10*agg, 1800)</c>.</summary>
    internal long ExpireSeconds => _expireSeconds;

    public AccessWindow WindowAt(long checkpoint, long now) => AccessWindow.Compute(checkpoint, now, Interval, _item.TimeDelay);

    /// <summary>Whether dimensions fall in the item's target range and agg_condition.</summary>
    public bool IsInRange(IReadOnlyDictionary<string, string?> dimensions) =>
        (_target is null || _target.IsMatch(dimensions)) && _conditions.IsMatch(dimensions);

    /// <param name="points">Points as the source returned them.</param>
    /// <param name="now">Epoch seconds of this run.</param>
    /// <param name="checkpoint">The stored checkpoint (newest data time handed on so far).</param>
    /// <param name="seen">Record ids handed on before; updated with this run's records.</param>
    /// <param name="window">The pulled window; null for pushed data (no range check).</param>
    public AccessResult Process(IReadOnlyList<DataPoint> points, long now, long checkpoint, AccessDeduplicator seen, AccessWindow? window = null)
    {
        if (window is { } range) seen.PruneBefore(range.From);
        var (candidates, noValue, outOfWindow, duplicates) = Standardize(points, seen, window);

        var kept = TakeOldestTimestamps(candidates, out var deferred);
        var newest = checkpoint;
        foreach (var record in kept)
        {
            seen.Add(record.Time, record.RecordId);
            newest = AccessWindow.NextCheckpoint(newest, record.Time);
        }

        var records = new List<AccessRecord>(kept.Count);
        int outOfRange = 0, expired = 0;
        foreach (var record in kept)
        {
            if (!IsInRange(record.Dimensions)) outOfRange++;
            else if (now - record.Time > _expireSeconds) expired++;
            else records.Add(record);
        }
        var counts = new AccessCounts(points.Count, noValue, outOfWindow, duplicates, deferred, outOfRange, expired);
        return new AccessResult(records, newest, counts);
    }

    private (List<AccessRecord> Records, int NoValue, int OutOfWindow, int Duplicates) Standardize(
        IReadOnlyList<DataPoint> points, AccessDeduplicator seen, AccessWindow? window)
    {
        var records = new List<AccessRecord>(points.Count);
        var batch = new HashSet<string>(StringComparer.Ordinal);
        int noValue = 0, outOfWindow = 0, duplicates = 0;
        // bk-monitor walks the points newest-first, so of two equal record ids the later one wins.
        for (var i = points.Count - 1; i >= 0; i--)
        {
            var point = points[i];
            if (point.Value is not { } raw || double.IsNaN(raw))
            {
                noValue++;
                continue;
            }
            if (window is { } range && !range.Contains(point.Time))
            {
                outOfWindow++;
                continue;
            }
            var dimensions = Dimensions(point.Dimensions);
            var recordId = string.Concat(DimensionsMd5(dimensions), ".", point.Time.ToString(CultureInfo.InvariantCulture));
            if (seen.Contains(point.Time, recordId) || !batch.Add(recordId))
            {
                duplicates++;
                continue;
            }
            var value = PythonRound.Round6(raw);
            records.Add(new AccessRecord
            {
                RecordId = recordId,
                Value = value,
                Values = new Dictionary<string, double> { [point.Metric ?? _valueKey] = value, ["time"] = point.Time },
                Dimensions = dimensions,
                Time = point.Time,
            });
        }
        records.Reverse();
        return (records, noValue, outOfWindow, duplicates);
    }

    /// <summary>A source row's dimensions as its records carry them (a grouped query's fields, a missing one as None).</summary>
    internal IReadOnlyDictionary<string, string?> Dimensions(IReadOnlyDictionary<string, string?> raw)
    {
        if (_dimensionFields is null) return new Dictionary<string, string?>(raw, StringComparer.Ordinal);
        if (HasExactlyTheFields(raw)) return raw;
        var dimensions = new Dictionary<string, string?>(_dimensionFields.Length, StringComparer.Ordinal);
        foreach (var field in _dimensionFields) dimensions[field] = raw.GetValueOrDefault(field);
        return dimensions;
    }

    /// <summary>
    /// A grouped query's rows usually carry exactly the group-by fields, in their order: then the row's own
    /// (read-only) dictionary is the record's, and no copy is made per point.
    /// </summary>
    private bool HasExactlyTheFields(IReadOnlyDictionary<string, string?> raw)
    {
        if (raw.Count != _dimensionFields!.Length) return false;
        var i = 0;
        foreach (var (key, _) in raw)
        {
            if (!string.Equals(key, _dimensionFields[i++], StringComparison.Ordinal)) return false;
        }
        return true;
    }

    /// <summary>
    /// count_md5 of the record dimensions, remembered per series: the same series comes back every period, and
    /// hashing is the dearest step of access. Only grouped queries (a fixed field list) are remembered.
    /// </summary>
    internal string DimensionsMd5(IReadOnlyDictionary<string, string?> dimensions)
    {
        if (_dimensionFields is null) return CountMd5.Of(dimensions);
        var key = SeriesValuesKey(dimensions);
        if (_md5ByValues.TryGetValue(key, out var md5)) return md5;
        if (_md5ByValues.Count >= MaxRememberedSeries) _md5ByValues.Clear();
        md5 = CountMd5.Of(dimensions);
        _md5ByValues[key] = md5;
        return md5;
    }

    /// <summary>The values in field order, each length-prefixed (None as -1) so no two value lists share a key.</summary>
    private string SeriesValuesKey(IReadOnlyDictionary<string, string?> dimensions)
    {
        if (_dimensionFields!.Length == 1 && dimensions[_dimensionFields[0]] is { } only) return only;
        var key = new System.Text.StringBuilder();
        foreach (var field in _dimensionFields)
        {
            var value = dimensions[field];
            key.Append(value is null ? -1 : value.Length).Append(':').Append(value);
        }
        return key.Append('|').ToString();
    }

    /// <summary>Keeps the records of the oldest <see cref="MaxTimestampsPerRun"/> distinct times, in time order.</summary>
    private static List<AccessRecord> TakeOldestTimestamps(List<AccessRecord> records, out int deferred)
    {
        // A stable sort by time: records of one time keep their order.
        var sorted = new List<AccessRecord>(records);
        if (!IsSortedByTime(sorted))
        {
            var order = new int[sorted.Count];
            for (var i = 0; i < order.Length; i++) order[i] = i;
            Array.Sort(order, (a, b) => records[a].Time != records[b].Time ? records[a].Time.CompareTo(records[b].Time) : a.CompareTo(b));
            for (var i = 0; i < order.Length; i++) sorted[i] = records[order[i]];
        }
        var distinct = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i > 0 && sorted[i].Time == sorted[i - 1].Time) continue;
            if (++distinct > MaxTimestampsPerRun)
            {
                deferred = sorted.Count - i;
                sorted.RemoveRange(i, sorted.Count - i);
                return sorted;
            }
        }
        deferred = 0;
        return sorted;
    }

    private static bool IsSortedByTime(List<AccessRecord> records)
    {
        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].Time < records[i - 1].Time) return false;
        }
        return true;
    }
}
