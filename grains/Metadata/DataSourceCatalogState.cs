using BkMonitor.GrainInterfaces.Metadata;

namespace BkMonitor.Grains.Metadata;

/// <summary>Persisted data source summaries of the catalog.</summary>
internal sealed class DataSourceCatalogState
{
    public List<DataSourceSummary> DataSources { get; set; } = [];
}
