namespace BkMonitor.Grains.Bcs;

/// <summary>
/// How to bring one tenant's stored federation pairs in line with a snapshot: rows to upsert (new or
/// changed), rows to soft-delete, and the proxy/sub-cluster sets before and after for data-link
/// reconciliation. A refused plan (<see cref="RefusedReason"/>) changes nothing.
/// </summary>
internal sealed record FederationSyncPlan(
    string TenantId,
    IReadOnlyList<BcsFederationRecord> Upserts,
    IReadOnlyList<BcsFederationRecord> Deletions,
    IReadOnlyList<string> ActiveProxyClusterIds,
    IReadOnlyList<string> RemovedProxyClusterIds,
    IReadOnlyList<string> ActiveSubClusterIds,
    IReadOnlyList<string> RemovedSubClusterIds,
    string? RefusedReason = null)
{
    public bool IsRefused => RefusedReason is not null;

    public static FederationSyncPlan Refused(string tenantId, string reason) => new(tenantId, [], [], [], [], [], [], reason);
}
