namespace BkMonitor.Grains.Bcs;

/// <summary>
/// What BCS returned for one tenant in one discovery run. <see cref="Federation"/> is null when the
/// federation call failed: then no cluster counts as a federation proxy and the topology is not synced.
/// </summary>
internal sealed record BcsTenantListing(string TenantId, IReadOnlyList<BcsListedCluster> Clusters, BcsFederationTopology? Federation);
