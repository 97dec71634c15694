using BkMonitor.GrainInterfaces.Access;
using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Strategies;

namespace BkMonitor.Grains.Detect;

/// <summary>
/// Detect for one strategy version: each item's algorithms compiled once into an <see cref="AlgorithmSet"/>
/// with its <see cref="SeriesHistory"/>. Items that cannot be compiled are left out and listed in
/// <see cref="Problems"/> (save-time validation makes this the exception).
/// </summary>
internal sealed class StrategyDetector
{
    /// <summary>Seen values stay cached this long behind the newest point (ring ratios, amplitudes, OsRestart).</summary>
    private const long MinKeepSeconds = 3600;

    private readonly Dictionary<long, (AlgorithmSet Algorithms, SeriesHistory History, ItemCheckResults Results, SeriesResultIndex Index)> _items = [];

    public StrategyDetector(Strategy strategy, long version, Func<StrategyItem, IHistoryBucketLoader?>? loaders = null,
        AlgorithmFactory? factory = null)
    {
        Version = version;
        var connectors = new Dictionary<int, string>();
        foreach (var detect in strategy.Detects) connectors[detect.Level] = detect.Connector;
        var problems = new List<string>();
        foreach (var item in strategy.Items)
        {
            try
            {
                var spec = SpecOf(strategy.Id, item, connectors);
                var keep = Math.Max(MinKeepSeconds, 12L * spec.AggInterval);
                var algorithms = AlgorithmSet.Compile(spec, factory);
                var results = new ItemCheckResults(algorithms.Levels, CheckResultRetention(strategy, spec.AggInterval), spec.AggInterval);
                // A value per period over the keep time and the eighth it may run over before an eviction, plus a late point.
                var history = new SeriesHistory(loaders?.Invoke(item), keep, (int)Math.Min(keep * 9 / 8 / Math.Max(spec.AggInterval, 1) + 2, 1024));
                _items[item.Id] = (algorithms, history, results, new SeriesResultIndex());
            }
            catch (Exception e) when (e is InvalidAlgorithmConfigException or ArgumentException)
            {
                problems.Add($"item {item.Id}: {e.Message}");
            }
        }
        Problems = problems;
    }

    public long Version { get; }

    public IReadOnlyList<string> Problems { get; }

    /// <summary>Detects every record of the batch; anomalies come out in item, then record order.</summary>
    public List<AnomalyRecord> Detect(AccessBatch batch, long now)
    {
        var anomalies = new List<AnomalyRecord>();
        foreach (var item in batch.Items)
        {
            if (!_items.TryGetValue(item.ItemId, out var compiled)) continue;
            if (item.Columns is { } columns)
            {
                compiled.History.Record(columns);
                var results = compiled.Index.For(columns.Table, compiled.Results);
                compiled.Algorithms.Detect(columns, compiled.History, now, anomalies, results, compiled.Results.RetentionSeconds);
            }
            else
            {
                compiled.History.Record(item.Records);
                compiled.Algorithms.Detect(item.Records, compiled.History, now, anomalies, compiled.Results);
            }
            compiled.History.Evict();
        }
        return anomalies;
    }

    /// <summary>The recorded check results of one series at one level; empty for an unknown item, series or level.</summary>
    public CheckResultSlice CheckResults(long itemId, string dimensionsMd5, int level, long from, long to) =>
        _items.TryGetValue(itemId, out var compiled) ? compiled.Results.Slice(dimensionsMd5, level, from, to) : CheckResultSlice.Empty;

    /// <summary>Hands the check results of the items that keep their id to a newer compilation of the strategy.</summary>
    public void CarryCheckResultsTo(StrategyDetector newer)
    {
        ArgumentNullException.ThrowIfNull(newer);
        foreach (var (id, compiled) in _items)
        {
            if (newer._items.TryGetValue(id, out var target)) newer._items[id] = target with { Results = compiled.Results, Index = new SeriesResultIndex() };
        }
    }

    private static long CheckResultRetention(Strategy strategy, int unitSeconds)
    {
        var trigger = 1;
        var recovery = 1;
        foreach (var detect in strategy.Detects)
        {
            trigger = Math.Max(trigger, detect.TriggerConfig.CheckWindow);
            recovery = Math.Max(recovery, detect.RecoveryConfig.CheckWindow);
        }
        return ItemCheckResults.RetentionFor(trigger, recovery, unitSeconds);
    }

    public static DetectItemSpec SpecOf(long strategyId, StrategyItem item, IReadOnlyDictionary<int, string> connectors)
    {
        var first = item.QueryConfigs.Count > 0 ? item.QueryConfigs[0] : null;
        var algorithms = new List<AlgorithmSpec>(item.Algorithms.Count);
        foreach (var algorithm in item.Algorithms)
        {
            algorithms.Add(new AlgorithmSpec(algorithm.Level, algorithm.Type, algorithm.Config, algorithm.UnitPrefix));
        }
        return new DetectItemSpec(
            strategyId,
            item.Id,
            item.Name,
            item.QueryConfigs.Count == 1 ? first!.Unit : "",
            StrategyDerivations.CheckWindowUnit(item),
            first?.DataTypeLabel,
            algorithms,
            connectors);
    }
}
