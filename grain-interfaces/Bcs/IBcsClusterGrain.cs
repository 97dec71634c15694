using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Bcs;

/// <summary>One BCS cluster (key: cluster id such as <c>BCS-K8S-40001</c>): its six data sources and DataID resources.</summary>
public interface IBcsClusterGrain : IGrainWithStringKey
{
    /// <summary>Creates the six data sources and writes the DataID resources; an error string when the id is invalid or already registered.</summary>
    Task<BcsClusterResult> RegisterAsync(BcsClusterListing listing);

    /// <summary>Mirrors the listing (status, business, project, gateway token); rewrites the resources first when init failed before.</summary>
    Task<BcsClusterView?> RefreshAsync(BcsClusterListing listing);

    /// <summary>Rewrites the DataID resources of a live cluster (periodic refresh).</summary>
    Task<BcsClusterView?> ReapplyResourcesAsync();

    Task<BcsClusterView?> MarkDeletedAsync();

    [AlwaysInterleave]
    Task<BcsClusterView?> GetAsync();
}

/// <summary>The registered cluster, or why registration was refused (<see cref="IsDuplicate"/>: the id is registered already).</summary>
public sealed record BcsClusterResult(BcsClusterView? Cluster, string? Error, bool IsDuplicate = false);
