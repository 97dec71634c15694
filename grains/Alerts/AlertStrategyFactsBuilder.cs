using System.Runtime.CompilerServices;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Strategies;

namespace BkMonitor.Grains.Alerts;

/// <summary>Reads what the alert manager's checks need (<see cref="AlertStrategyFacts"/>) from a strategy config.</summary>
internal static class AlertStrategyFactsBuilder
{
    // A strategy config is immutable and handed out as one object until it changes: its facts are built once and
    // shared by all its alerts (and their checks), not copied into each.
    private static readonly ConditionalWeakTable<Strategy, AlertStrategyFacts> Built = new();

    /// <summary>The facts of the strategy's first item; null when the strategy is deleted, disabled or has no item.</summary>
    public static AlertStrategyFacts? From(Strategy? strategy)
    {
        if (strategy is not { IsEnabled: true } || strategy.Items.Count == 0) return null;
        return Built.GetValue(strategy, Build);
    }

    private static AlertStrategyFacts Build(Strategy strategy)
    {
        var item = strategy.Items[0];
        var queries = item.QueryConfigs;
        var first = queries.Count > 0 ? queries[0] : null;
        return new AlertStrategyFacts
        {
            StrategyId = strategy.Id,
            MetricIds = [.. queries.Select(q => q.MetricId ?? "")],
            AggDimensions = [.. queries.Select(q => (IReadOnlyList<string>)[.. q.AggDimension])],
            AggConditionMd5s = [.. queries.Select(q => AlertStrategyFacts.AggConditionMd5(ConditionsOf(q)))],
            DetectLevels = [.. strategy.Detects.Select(d => d.Level)],
            Triggers = strategy.Detects.ToDictionary(d => d.Level, d => new LevelTriggerConfig(d.TriggerConfig.CheckWindow, d.TriggerConfig.Count)),
            Recoveries = strategy.Detects.ToDictionary(d => d.Level, d => new LevelRecoveryConfig(d.RecoveryConfig.CheckWindow, d.RecoveryConfig.StatusSetter)),
            WindowUnit = StrategyDerivations.CheckWindowUnit(item),
            DataTypeLabel = first?.DataTypeLabel is { Length: > 0 } type ? type : "time_series",
            DataSourceLabel = first?.DataSourceLabel is { Length: > 0 } source ? source : "bk_monitor",
            NoDataEnabled = item.NoDataConfig.IsEnabled,
        };
    }

    private static IReadOnlyList<IReadOnlyDictionary<string, object?>> ConditionsOf(QueryConfig query) =>
        [.. query.AggCondition.Select(c => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["key"] = c.Key,
            ["value"] = c.Value.ToList(),
            ["method"] = c.Method,
            ["condition"] = c.Condition,
        })];
}
