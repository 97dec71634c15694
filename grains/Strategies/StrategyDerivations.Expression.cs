using BkMonitor.GrainInterfaces.Strategies;

namespace BkMonitor.Grains.Strategies;

public static partial class StrategyDerivations
{
    /// <summary>
    /// Whether the item's value is its <c>expression</c> over its query configs' aliases rather than the one query's
    /// value. bk-monitor evaluates the expression when there are several queries, or when a single query's expression
    /// is longer than one character (<c>""</c> or <c>"a"</c> mean the bare metric). Prometheus items never: their
    /// promql is the expression.
    /// </summary>
    public static bool EvaluatesExpression(StrategyItem item)
    {
        if (item.QueryConfigs.Count == 0 || item.QueryConfigs[0].DataSourceLabel == "prometheus") return false;
        return item.QueryConfigs.Count > 1 || item.Expression.Trim().Length > 1;
    }
}
