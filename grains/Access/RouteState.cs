namespace BkMonitor.Grains.Access;

/// <summary>Persisted readers of a result table: strategy id → metrics it reads.</summary>
public sealed class RouteState
{
    public Dictionary<long, List<string>> Readers { get; set; } = [];
}
