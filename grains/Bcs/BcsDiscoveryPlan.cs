namespace BkMonitor.Grains.Bcs;

/// <summary>A listed cluster with no record yet: register it, create its data sources, write its DataID resources.</summary>
internal sealed record BcsPlannedRegistration(string TenantId, BcsListedCluster Cluster, bool IsFederated);

/// <summary>
/// A known cluster seen again. <see cref="Changes"/> previews <see cref="BcsRegistration.ApplyRefresh"/> on
/// the current record; with <see cref="RetryInit"/> the executor first rewrites the DataID resources,
/// applies <see cref="BcsRegistration.ApplyInitResult"/>, then runs ApplyRefresh on the result.
/// </summary>
internal sealed record BcsPlannedRefresh(string TenantId, BcsListedCluster Cluster, bool IsFederated, bool RetryInit, BcsClusterChanges Changes);

/// <summary>The outcome of one discover_bcs_clusters run, in execution order (federation proxies first within a tenant).</summary>
internal sealed record BcsDiscoveryPlan(
    IReadOnlyList<BcsPlannedRegistration> Registrations,
    IReadOnlyList<BcsPlannedRefresh> Refreshes,
    IReadOnlyList<string> Deletions,
    IReadOnlyList<FederationSyncPlan> FederationSyncs,
    IReadOnlyList<string> Skipped);
