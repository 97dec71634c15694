using BkMonitor.GrainInterfaces.Strategies;

namespace BkMonitor.Grains.Strategies;

/// <summary>Values bk-monitor derives from a strategy config (ALARM-SPEC §1 "Derived", §4).</summary>
public static partial class StrategyDerivations
{
    public const int DefaultInterval = 60;

    /// <summary>
    /// Min <c>agg_interval</c> of the first item's query configs; configs without one are skipped and
    /// no interval (or 0) means 60.
    /// </summary>
    public static int Interval(Strategy strategy)
    {
        if (strategy.Items.Count == 0) return DefaultInterval;
        int? min = null;
        foreach (var query in strategy.Items[0].QueryConfigs)
        {
            if (query.AggInterval is { } interval && (min is null || interval < min)) min = interval;
        }
        return min is null or 0 ? DefaultInterval : min.Value;
    }

    /// <summary>Trigger windows are counted in this unit: min <c>agg_interval</c> of the item, 60 for a missing one.</summary>
    public static int CheckWindowUnit(StrategyItem item)
    {
        if (item.QueryConfigs.Count == 0) return DefaultInterval;
        var min = int.MaxValue;
        foreach (var query in item.QueryConfigs) min = Math.Min(min, query.AggInterval ?? DefaultInterval);
        return min;
    }

    /// <summary>Trigger config per detect level, in detect order.</summary>
    public static IReadOnlyDictionary<int, TriggerWindow> TriggerConfigs(Strategy strategy)
    {
        var configs = new Dictionary<int, TriggerWindow>();
        foreach (var detect in strategy.Detects)
        {
            var trigger = detect.TriggerConfig;
            configs[detect.Level] = new TriggerWindow(trigger.CheckWindow, trigger.Count, trigger.Uptime);
        }
        return configs;
    }

    /// <summary>The level's trigger config; a level without one uses the first detect's.</summary>
    public static TriggerWindow TriggerConfigFor(Strategy strategy, int level)
    {
        if (strategy.Detects.Count == 0) throw new InvalidOperationException($"strategy {strategy.Id} has no detects");
        var detect = strategy.Detects.FirstOrDefault(d => d.Level == level) ?? strategy.Detects[0];
        var trigger = detect.TriggerConfig;
        return new TriggerWindow(trigger.CheckWindow, trigger.Count, trigger.Uptime);
    }

    /// <summary>Recovery config per detect level.</summary>
    public static IReadOnlyDictionary<int, RecoveryWindow> RecoveryConfigs(Strategy strategy)
    {
        var configs = new Dictionary<int, RecoveryWindow>();
        foreach (var detect in strategy.Detects)
        {
            configs[detect.Level] = new RecoveryWindow(detect.RecoveryConfig.CheckWindow, detect.RecoveryConfig.StatusSetter);
        }
        return configs;
    }

    public static NoDataTrigger NoDataTriggerConfig(StrategyItem item)
    {
        var config = item.NoDataConfig;
        return new NoDataTrigger(config.Continuous, config.Continuous, config.Level);
    }

    /// <summary>
    /// Notice signals as bk-monitor keeps them: <c>no_data</c> follows <c>abnormal</c> — added when abnormal
    /// is present, removed when it is not.
    /// </summary>
    public static IReadOnlyList<string> NoticeSignals(IReadOnlyList<string> signals)
    {
        var hasAbnormal = signals.Contains("abnormal");
        var hasNoData = signals.Contains("no_data");
        if (hasAbnormal && !hasNoData) return [.. signals, "no_data"];
        if (!hasAbnormal && hasNoData) return signals.Where(s => s != "no_data").ToList();
        return signals;
    }
}
