using BkMonitor.GrainInterfaces.Metadata;

namespace BkMonitor.Grains.Metadata;

/// <summary>Persisted data source; null until created.</summary>
public sealed class DataSourceState
{
    public DataSourceInfo? Info { get; set; }
}
