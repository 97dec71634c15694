namespace BkMonitor.Runtime.Redis.Routing;

/// <summary>A routing boundary: strategies below <see cref="StrategyScore"/> (down to the previous boundary) live on <see cref="NodeId"/>.</summary>
public readonly record struct CacheRouter(int StrategyScore, int NodeId);
