using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.GrainInterfaces.Trigger;
using BkMonitor.Grains.Hashing;
using BkMonitor.Grains.Strategies;

namespace BkMonitor.Grains.Trigger;

/// <summary>
/// Trigger for one strategy version: a <see cref="TriggerWindow"/> per item over the persisted window
/// states (kept across versions by item id), and the event facts of the strategy. Anomalies that add
/// nothing to any window (re-delivered) and events past the per-time rate limit produce no event.
/// </summary>
internal sealed class StrategyTrigger
{
    /// <summary>Series (and value texts) whose md5 is remembered; past this the memory starts over.</summary>
    private const int DedupeMd5Capacity = 10_000;

    private readonly Dictionary<long, TriggerWindow> _windows = [];
    private readonly Dictionary<string, string> _dedupeMd5BySeries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _md5OfText = new(StringComparer.Ordinal);
    private readonly Func<string, string> _memoMd5;
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
        _memoMd5 = Md5OfText;
    }

    public long Version { get; }

    /// <summary>The events the anomalies raise, each with the dedupe md5 that keys its alert (§5).</summary>
    public List<TriggeredEvent> Observe(IReadOnlyList<AnomalyRecord> anomalies, long now, ref TriggerCounts counts)
    {
        var events = new List<TriggeredEvent>();
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
            var monitorEvent = TriggerEventBuilder.Build(anomaly, decision, _eventStrategy, now);
            events.Add(new TriggeredEvent(monitorEvent, DedupeMd5(monitorEvent, anomaly.Data.DimensionsMd5)));
            counts.Events++;
        }
        if (newest is not null)
        {
            foreach (var (itemId, time) in newest) _windows[itemId].Evict(time);
        }
        return events;
    }

    /// <summary>
    /// An event's dedupe values follow from the strategy version and the series' dimensions alone (target, tags),
    /// so each series' md5 is computed once per version.
    /// </summary>
    private string DedupeMd5(TriggerEvent monitorEvent, string series)
    {
        if (_dedupeMd5BySeries.TryGetValue(series, out var md5)) return md5;
        if (_dedupeMd5BySeries.Count >= DedupeMd5Capacity) _dedupeMd5BySeries.Clear();
        return _dedupeMd5BySeries[series] = EventDedupe.Md5(monitorEvent, _memoMd5);
    }

    private string Md5OfText(string text)
    {
        if (_md5OfText.TryGetValue(text, out var md5)) return md5;
        if (_md5OfText.Count >= DedupeMd5Capacity) _md5OfText.Clear();
        return _md5OfText[text] = CountMd5.Md5Hex(text);
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

/// <summary>An event trigger raised, with the dedupe md5 of the alert it goes to.</summary>
internal sealed record TriggeredEvent(TriggerEvent Event, string DedupeMd5);

/// <summary>Running counters of a trigger activation.</summary>
internal struct TriggerCounts
{
    public long Anomalies;
    public long Events;
    public long Redelivered;
    public long RateLimited;
    public long OutOfUptime;
}
