using BkMonitor.GrainInterfaces.Strategies;

namespace BkMonitor.Grains.Strategies;

/// <summary>Persisted catalog: the next id to hand out and every strategy's summary.</summary>
public sealed class StrategyCatalogState
{
    public long NextId { get; set; } = 1;

    public List<StrategySummary> Strategies { get; set; } = [];
}
