namespace BkMonitor.Grains.Bcs;

/// <summary>Persisted discovery registry: every cluster id it registered and the federation pairs it synced.</summary>
internal sealed class BcsDiscoveryState
{
    public List<string> ClusterIds { get; set; } = [];

    public List<BcsFederationRecord> Federation { get; set; } = [];
}
