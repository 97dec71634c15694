namespace BkMonitor.Grains.Bcs;

/// <summary>A stored (federation proxy, sub-cluster) pair (bk-monitor <c>BcsFederalClusterInfo</c>), soft-deleted when it vanishes.</summary>
internal sealed record BcsFederationRecord(
    string TenantId,
    string FedClusterId,
    string HostClusterId,
    string SubClusterId,
    IReadOnlyList<string> Namespaces,
    bool IsDeleted = false)
{
    public (string Fed, string Sub) Pair => (FedClusterId, SubClusterId);
}
