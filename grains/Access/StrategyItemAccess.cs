using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Hashing;
using BkMonitor.Grains.Strategies;

namespace BkMonitor.Grains.Access;

/// <summary>
/// Access for one strategy item (ALARM-SPEC §3): turns pulled points into detect records. Points without
/// a value or outside the window are dropped; record ids already seen (this run or an earlier one) are
/// dropped; only the oldest 10 timestamps are taken, the rest wait for the next run; the checkpoint moves
/// to the newest record taken; records outside the target range or agg_condition, or older than
/// <c>max(10*agg, 1800)</c> s, are not handed on. Built once per strategy version; reusable across runs.
/// </summary>
public sealed class StrategyItemAccess
{
    public const int MaxTimestampsPerRun = 10;

    private readonly StrategyItem _item;
    private readonly string[]? _dimensionFields;
    private readonly string _valueKey;
    private readonly TargetMatcher? _target;
    private readonly ConditionMatcher _conditions;
    private readonly long _expireSeconds;

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
            var recordId = $"{CountMd5.Of(dimensions)}.{point.Time}";
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

    private Dictionary<string, string?> Dimensions(IReadOnlyDictionary<string, string?> raw)
    {
        if (_dimensionFields is null) return new Dictionary<string, string?>(raw, StringComparer.Ordinal);
        var dimensions = new Dictionary<string, string?>(_dimensionFields.Length, StringComparer.Ordinal);
        foreach (var field in _dimensionFields) dimensions[field] = raw.GetValueOrDefault(field);
        return dimensions;
    }

    /// <summary>Keeps the records of the oldest <see cref="MaxTimestampsPerRun"/> distinct times, in time order.</summary>
    private static List<AccessRecord> TakeOldestTimestamps(List<AccessRecord> records, out int deferred)
    {
        var times = records.Select(r => r.Time).Distinct().Order().ToList();
        var sorted = records.OrderBy(r => r.Time).ToList();
        if (times.Count <= MaxTimestampsPerRun)
        {
            deferred = 0;
            return sorted;
        }
        var cutoff = times[MaxTimestampsPerRun - 1];
        var kept = sorted.Where(r => r.Time <= cutoff).ToList();
        deferred = sorted.Count - kept.Count;
        return kept;
    }
}
