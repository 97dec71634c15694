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

    private readonly Dictionary<long, (AlgorithmSet Algorithms, SeriesHistory History)> _items = [];

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
                _items[item.Id] = (AlgorithmSet.Compile(spec, factory), new SeriesHistory(loaders?.Invoke(item), keep));
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
            compiled.History.Record(item.Records);
            compiled.Algorithms.Detect(item.Records, compiled.History, now, anomalies);
            compiled.History.Evict();
        }
        return anomalies;
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
