using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.GrainInterfaces.Trigger;
using BkMonitor.Grains.Strategies;

namespace BkMonitor.Grains.Trigger;

/// <summary>
/// Trigger for one strategy version: a <see cref="TriggerWindow"/> per item over the persisted window
/// states (kept across versions by item id), and the event facts of the strategy. Anomalies that add
/// nothing to any window (re-delivered) and events past the per-time rate limit produce no event.
/// </summary>
internal sealed class StrategyTrigger
{
    private readonly Dictionary<long, TriggerWindow> _windows = [];
    private readonly TriggerEventStrategy _eventStrategy;
    private readonly Dictionary<int, UptimeSchedule> _uptimes = [];

    /// <param name="states">Window states by item id; entries are created for items that have none.</param>
    /// <param name="zone">The business time zone of <c>trigger_config.uptime</c>; UTC when null.</param>
    public StrategyTrigger(Strategy strategy, long version, Dictionary<long, TriggerWindowState> states, TimeZoneInfo? zone = null)
    {
        Version = version;
        foreach (var detect in strategy.Detects)
        {
            if (UptimeSchedule.From(detect.TriggerConfig.Uptime, zone ?? TimeZoneInfo.Utc) is { } schedule) _uptimes[detect.Level] = schedule;
        }
        foreach (var item in strategy.Items)
        {
            if (!states.TryGetValue(item.Id, out var state)) states[item.Id] = state = new TriggerWindowState();
            _windows[item.Id] = new TriggerWindow(SettingsOf(strategy, item), state);
        }
        _eventStrategy = EventStrategyOf(strategy);
    }

    public long Version { get; }

    public List<TriggerEvent> Observe(IReadOnlyList<AnomalyRecord> anomalies, long now, ref TriggerCounts counts)
    {
        var events = new List<TriggerEvent>();
        Dictionary<long, long>? newest = null;
        foreach (var received in anomalies)
        {
            if (!_windows.TryGetValue(received.ItemId, out var window)) continue;
            if (InUptime(received) is not { } anomaly)
            {
                counts.OutOfUptime++;
                continue;
            }
            counts.Anomalies++;
            newest ??= [];
            newest[anomaly.ItemId] = Math.Max(newest.GetValueOrDefault(anomaly.ItemId, long.MinValue), anomaly.Data.Time);
            if (window.Observe(anomaly) is not { } decision) continue;
            if (decision.Redelivered)
            {
                counts.Redelivered++;
                continue;
            }
            if (!window.TryAdmitEvent(anomaly.Data.Time))
            {
                counts.RateLimited++;
                continue;
            }
            events.Add(TriggerEventBuilder.Build(anomaly, decision, _eventStrategy, now));
            counts.Events++;
        }
        if (newest is not null)
        {
            foreach (var (itemId, time) in newest) _windows[itemId].Evict(time);
        }
        return events;
    }

    /// <summary>
    /// The anomaly with only the levels whose uptime holds its data time; null when none does. A level out of its
    /// uptime neither counts toward its window nor alarms.
    /// </summary>
    private AnomalyRecord? InUptime(AnomalyRecord anomaly)
    {
        if (_uptimes.Count == 0) return anomaly;
        Dictionary<int, AnomalyInfo>? kept = null;
        foreach (var (level, info) in anomaly.Anomaly)
        {
            if (_uptimes.TryGetValue(level, out var schedule) && !schedule.Contains(anomaly.Data.Time))
            {
                kept ??= new Dictionary<int, AnomalyInfo>(anomaly.Anomaly);
                kept.Remove(level);
            }
        }
        if (kept is null) return anomaly;
        return kept.Count == 0 ? null : anomaly with { Anomaly = kept };
    }

    public static TriggerSettings SettingsOf(Strategy strategy, StrategyItem item)
    {
        var levels = new List<LevelTrigger>(strategy.Detects.Count);
        foreach (var detect in strategy.Detects)
        {
            levels.Add(new LevelTrigger(detect.Level, detect.TriggerConfig.CheckWindow, detect.TriggerConfig.Count));
        }
        var noData = item.NoDataConfig is { IsEnabled: true } config ? LevelTrigger.ForNoData(config.Level, config.Continuous) : null;
        return new TriggerSettings(strategy.Id, item.Id, StrategyDerivations.CheckWindowUnit(item), levels, noData);
    }

    /// <summary>bk-monitor takes the aggregation dimensions, data type and metrics from the first item.</summary>
    public static TriggerEventStrategy EventStrategyOf(Strategy strategy)
    {
        var queries = strategy.Items.Count > 0 ? strategy.Items[0].QueryConfigs : [];
        var metrics = new List<string>();
        foreach (var query in queries)
        {
            if (!string.IsNullOrEmpty(query.MetricId)) metrics.Add(query.MetricId);
        }
        return new TriggerEventStrategy(
            strategy.Id,
            strategy.BkBizId,
            strategy.Name,
            TriggerEventStrategy.AggDimensionsOf(queries.Select(q => (q.DataSourceLabel, q.DataTypeLabel, (IEnumerable<string>)q.AggDimension))),
            strategy.Scenario,
            queries.Count > 0 ? queries[0].DataTypeLabel : "time_series",
            metrics);
    }
}

/// <summary>Running counters of a trigger activation.</summary>
internal struct TriggerCounts
{
    public long Anomalies;
    public long Events;
    public long Redelivered;
    public long RateLimited;
    public long OutOfUptime;
}
