namespace BkMonitor.Grains.Bcs;

/// <summary>register_cluster was called for a cluster id that already has a record.</summary>
public sealed class BcsClusterAlreadyRegisteredException(string clusterId)
    : Exception($"BCS cluster '{clusterId}' is already registered")
{
    public string ClusterId { get; } = clusterId;
}
