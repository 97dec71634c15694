namespace BkMonitor.Runtime.Redis.Routing;

/// <summary>No cache router covers the strategy id (bk-monitor: "策略ID超过设置的默认上限").</summary>
public sealed class StrategyRouteNotFoundException(int strategyId, int? lastScore)
    : Exception(lastScore is null
        ? $"no cache router is configured, strategy {strategyId} has no node"
        : $"strategy id {strategyId} exceeds the routed range (last router score {lastScore}, strategies must be below it)")
{
    public int StrategyId { get; } = strategyId;
}
