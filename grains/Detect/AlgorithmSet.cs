using BkMonitor.GrainInterfaces.Access;
using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.Grains.Detect.Units;

namespace BkMonitor.Grains.Detect;

/// <summary>
/// A strategy item's algorithms compiled once (configs parsed, thresholds normalised, anomaly-id
/// suffixes built) so detecting a normal point allocates nothing. Every level is evaluated; a point
/// anomalous at any level yields one <see cref="AnomalyRecord"/> carrying each level that flagged.
/// </summary>
internal sealed class AlgorithmSet
{
    private const string ValueLabel = ", 当前值";

    private readonly LevelDetector[] _levels;
    private readonly bool _needsHistory;
    private readonly bool _missingIsZero;
    private readonly string _itemName;
    private readonly MetricUnit _unit;

    private AlgorithmSet(long strategyId, long itemId, LevelDetector[] levels, bool needsHistory, bool missingIsZero,
        string itemName, MetricUnit unit)
    {
        StrategyId = strategyId;
        ItemId = itemId;
        _levels = levels;
        _needsHistory = needsHistory;
        _missingIsZero = missingIsZero;
        _itemName = itemName;
        _unit = unit;
    }

    public long StrategyId { get; }

    public long ItemId { get; }

    /// <summary>The levels that have algorithms, ascending.</summary>
    public IEnumerable<int> Levels => _levels.Select(l => l.Level);

    public static AlgorithmSet Compile(DetectItemSpec spec, AlgorithmFactory? factory = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        factory ??= AlgorithmFactory.Default;
        var byLevel = new SortedDictionary<int, List<IDetectAlgorithm>>();
        var needsHistory = false;
        for (var i = 0; i < spec.Algorithms.Count; i++)
        {
            var algorithmSpec = spec.Algorithms[i];
            if (algorithmSpec.Level is < 1 or > 3)
                throw new ArgumentException($"algorithms[{i}].level must be 1, 2 or 3, got {algorithmSpec.Level}", nameof(spec));
            IDetectAlgorithm algorithm;
            try
            {
                algorithm = factory.Create(algorithmSpec.Type, algorithmSpec.Config, spec.Unit, algorithmSpec.UnitPrefix,
                    spec.AggInterval, spec.DataTypeLabel);
            }
            catch (InvalidAlgorithmConfigException e)
            {
                throw new InvalidAlgorithmConfigException(e.AlgorithmType, [.. e.Errors.Select(error => Qualify(i, error))]);
            }
            needsHistory |= algorithm.NeedsHistory;
            if (!byLevel.TryGetValue(algorithmSpec.Level, out var list)) byLevel[algorithmSpec.Level] = list = [];
            list.Add(algorithm);
        }

        var levels = byLevel.Select(pair => new LevelDetector(
            pair.Key,
            [.. pair.Value],
            spec.Connectors is not null && spec.Connectors.TryGetValue(pair.Key, out var connector) && connector == "or",
            DetectIds.AnomalyIdSuffix(spec.StrategyId, spec.ItemId, pair.Key))).ToArray();
        var context = new AlgorithmContext(spec.Unit, null, spec.AggInterval, spec.DataTypeLabel);
        return new AlgorithmSet(spec.StrategyId, spec.ItemId, levels, needsHistory, context.MissingHistoryIsZero,
            spec.ItemName, context.Unit);
    }

    /// <summary>Detects one point; null when no level flags it (or it has no value).</summary>
    public AnomalyRecord? Detect(DataPointRecord record, IHistorySource history, long now)
    {
        if (record.Value is not { } value) return null;
        var point = new DetectPoint(_needsHistory ? record.DimensionsMd5 : "", record.Time, value, record.Dimensions);
        return Evaluate(point, new HistoryReader(history, _missingIsZero), now, record, null, 0);
    }

    /// <summary>
    /// Detects a batch, appending anomalies in input order and, when <paramref name="results"/> is given, recording
    /// every detected point's outcome there; returns how many anomalies were found.
    /// </summary>
    public int Detect(IReadOnlyList<DataPointRecord> records, IHistorySource history, long now, ICollection<AnomalyRecord> anomalies,
        ItemCheckResults? results = null)
    {
        var found = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var anomaly = Detect(record, history, now);
            if (record.Value is not null) results?.Record(record, anomaly);
            if (anomaly is null) continue;
            anomalies.Add(anomaly);
            found++;
        }
        return found;
    }

    /// <summary>
    /// Detects a columnar batch: no record, id or dictionary is made for a normal point. <paramref name="seriesResults"/>
    /// holds the check-result log of each series of the batch's table, by series index.
    /// </summary>
    public int Detect(ItemColumns columns, SeriesHistory history, long now, ICollection<AnomalyRecord> anomalies,
        CheckResultSeries[] seriesResults, long retentionSeconds)
    {
        var table = columns.Table;
        var reader = new HistoryReader(history, _missingIsZero);
        var found = 0;
        for (var i = 0; i < columns.Count; i++)
        {
            var series = columns.Series[i];
            if (_needsHistory) history.Focus(table, series);
            var time = columns.Times[i];
            var point = new DetectPoint(table.Md5[series], time, columns.Values[i], table.Dimensions[series]);
            var anomaly = Evaluate(point, reader, now, null, columns, i);
            seriesResults[series].Record(time, ItemCheckResults.MaskOf(anomaly), retentionSeconds);
            if (anomaly is null) continue;
            anomalies.Add(anomaly);
            found++;
        }
        return found;
    }

    /// <summary>The anomaly of a point; its record (and record id) is made only when a level flags it.</summary>
    private AnomalyRecord? Evaluate(in DetectPoint point, in HistoryReader reader, long now, DataPointRecord? record, ItemColumns? columns, int index)
    {
        Dictionary<int, AnomalyInfo>? anomalies = null;
        foreach (var level in _levels)
        {
            if (level.Evaluate(point, reader, out var framed) is not { } body) continue;
            anomalies ??= [];
            record ??= columns!.Record(index);
            anomalies[level.Level] = new AnomalyInfo
            {
                AnomalyMessage = framed ? _itemName + body + ValueLabel + _unit.Display(point.Value) : body,
                AnomalyId = string.Concat(record.RecordId, level.AnomalyIdSuffix),
                AnomalyTime = now,
            };
        }
        return anomalies is null
            ? null
            : new AnomalyRecord { StrategyId = StrategyId, ItemId = ItemId, Data = record!, Anomaly = anomalies };
    }

    private static string Qualify(int index, string error) =>
        error.StartsWith("config:", StringComparison.Ordinal) || error.StartsWith("type:", StringComparison.Ordinal)
            ? $"algorithms[{index}].{error}"
            : $"algorithms[{index}].config.{error}";
}
