using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.GrainInterfaces.Trigger;
using BkMonitor.Grains.Detect;
using BkMonitor.Grains.Hashing;
using BkMonitor.Grains.Trigger;

namespace BkMonitor.Benchmarks.Hosting;

/// <summary>
/// Alert events as the pipeline makes them: one anomalous point (97) per host, evaluated by the benchmark strategy's
/// compiled algorithms and passed through its trigger (count 1 of 1), in batches at one data time each (the trigger
/// admits at most <see cref="TriggerWindow.EventLimitPerTime"/> events per data time).
/// </summary>
internal sealed class BenchTriggerEvents
{
    private readonly long _strategyId;
    private readonly AlgorithmSet _algorithms;
    private readonly StrategyTrigger _trigger;
    private readonly InMemoryHistorySource _history = new();

    public BenchTriggerEvents(long strategyId)
    {
        var strategy = AlarmBenchStrategy.Parse(StrategyJson(strategyId));
        strategy = strategy with { Items = [strategy.Items[0] with { Id = 1 }] };
        _strategyId = strategyId;
        _algorithms = AlarmBenchStrategy.Compile(strategyId, strategy);
        _trigger = new StrategyTrigger(strategy, 1, []);
    }

    public static string StrategyJson(long strategyId) => AlarmBenchStrategy.Json($"2_bkmonitor_time_series_alerts{strategyId}.__default__", id: strategyId);

    /// <summary>The events of hosts <c>{prefix}{first}</c>..<c>{prefix}{first + count - 1}</c>, anomalous at <paramref name="time"/>.</summary>
    public List<TriggerEvent> Build(string prefix, int first, int count, long time)
    {
        var records = new List<DataPointRecord>(count);
        for (var i = first; i < first + count; i++)
        {
            var dimensions = new Dictionary<string, string> { ["host"] = $"{prefix}{i}" };
            var md5 = CountMd5.Of(dimensions);
            records.Add(new DataPointRecord { RecordId = $"{md5}.{time}", Value = PushRound.AnomalousValue, Dimensions = dimensions, Time = time });
        }
        var anomalies = new List<AnomalyRecord>(count);
        _algorithms.Detect(records, _history, time + 70, anomalies);
        var counts = default(TriggerCounts);
        var events = _trigger.Observe(anomalies, time + 70, ref counts);
        if (events.Count != count) throw new InvalidOperationException($"strategy {_strategyId}: {events.Count} events of {count} anomalous points");
        return events.ConvertAll(e => e.Event);
    }
}
