using BkMonitor.Grains.Access;

namespace BkMonitor.Grains.Strategies;

/// <summary>The persisted access state of a strategy: each item's checkpoint and handed-on records, by item id.</summary>
public sealed class StrategyAccessState
{
    public Dictionary<long, ItemAccessState> Items { get; set; } = [];
}
