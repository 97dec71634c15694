using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Alerts;

/// <summary>
/// What the alert manager's checks need to know about a strategy (its first item), taken from the
/// strategy config by the caller. An alert keeps the facts of its creation time to detect changes.
/// </summary>
internal sealed record AlertStrategyFacts
{
    public required long StrategyId { get; init; }

    /// <summary>metric_id of each query config of the first item, in order.</summary>
    public IReadOnlyList<string> MetricIds { get; init; } = [];

    /// <summary>agg_dimension of each query config of the first item, in order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> AggDimensions { get; init; } = [];

    /// <summary><see cref="AggConditionMd5"/> of each query config of the first item, in order.</summary>
    public IReadOnlyList<string> AggConditionMd5s { get; init; } = [];

    /// <summary>Levels that still have a detect config.</summary>
    public IReadOnlyList<int> DetectLevels { get; init; } = [];

    /// <summary>Per level; a level without its own config carries the first level's (ALARM-SPEC §4).</summary>
    public IReadOnlyDictionary<int, LevelTriggerConfig> Triggers { get; init; } = new Dictionary<int, LevelTriggerConfig>();

    public IReadOnlyDictionary<int, LevelRecoveryConfig> Recoveries { get; init; } = new Dictionary<int, LevelRecoveryConfig>();

    /// <summary>Check window unit in seconds: the item's minimum agg_interval (default 60).</summary>
    public int WindowUnit { get; init; } = 60;

    /// <summary>time_series, event, log or alert (of the first query config).</summary>
    public string DataTypeLabel { get; init; } = "time_series";

    public string DataSourceLabel { get; init; } = "bk_monitor";

    public bool NoDataEnabled { get; init; }

    /// <summary>Strategies whose levels are set dynamically (host anomaly detection) skip the level check.</summary>
    public bool HasDynamicLevels { get; init; }

    public bool IsTimeSeriesLike => DataTypeLabel is "time_series" or "log";

    /// <summary>
    /// bk-monitor's get_agg_condition_md5: count_md5 of the conditions reduced to key/value/method/condition,
    /// the first condition's connector dropped (it is always AND).
    /// </summary>
    public static string AggConditionMd5(IReadOnlyList<IReadOnlyDictionary<string, object?>> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var reduced = new List<Dictionary<string, object?>>(conditions.Count);
        string[] kept = ["key", "value", "method", "condition"];
        for (var i = 0; i < conditions.Count; i++)
        {
            var item = new Dictionary<string, object?>();
            foreach (var key in kept)
            {
                if (i == 0 && key == "condition") continue;
                if (conditions[i].TryGetValue(key, out var value)) item[key] = value;
            }
            reduced.Add(item);
        }
        return CountMd5.Of(reduced);
    }
}

/// <summary>Trigger config of a level: <c>count</c> anomalies within <c>check_window</c> periods.</summary>
internal readonly record struct LevelTriggerConfig(int CheckWindowSize, int TriggerCount);

/// <summary>Recovery config of a level; status_setter is recovery, close or recovery-nodata (close-nodata).</summary>
internal readonly record struct LevelRecoveryConfig(int CheckWindowSize, string StatusSetter = "recovery");
