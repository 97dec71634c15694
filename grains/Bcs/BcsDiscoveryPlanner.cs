namespace BkMonitor.Grains.Bcs;

/// <summary>
/// discover_bcs_clusters as pure reconciliation. Call it only when every tenant's cluster listing
/// succeeded (bk-monitor abandons the run otherwise); a failed federation call is a null topology.
/// Clusters no longer listed become DELETED only when the run saw at least one live cluster, so an
/// empty answer from BCS never wipes the registry.
/// </summary>
internal static class BcsDiscoveryPlanner
{
    public static BcsDiscoveryPlan Plan(
        IReadOnlyList<BcsTenantListing> listings,
        IReadOnlyCollection<BcsClusterState> known,
        IReadOnlyCollection<BcsFederationRecord> federationRecords,
        string currentToken,
        IReadOnlySet<string>? protectedClusterIds = null)
    {
        var knownById = known.ToDictionary(c => c.ClusterId, StringComparer.Ordinal);
        var discovered = new HashSet<string>(StringComparer.Ordinal);
        var registrations = new List<BcsPlannedRegistration>();
        var refreshes = new List<BcsPlannedRefresh>();
        var syncs = new List<FederationSyncPlan>();
        var skipped = new List<string>();

        foreach (var listing in listings)
        {
            var federation = listing.Federation ?? BcsFederationTopology.Empty;
            // Proxies first: creating a sub-cluster's federated data link needs the proxy's record.
            foreach (var listed in listing.Clusters.OrderBy(c => federation.IsProxy(c.ClusterId) ? 0 : 1))
            {
                if (listed.IsGone)
                {
                    skipped.Add($"{listed.ClusterId}: listed as deleted");
                    continue;
                }
                if (!discovered.Add(listed.ClusterId))
                {
                    skipped.Add($"{listed.ClusterId}: listed more than once (shared cluster), first entry kept");
                    continue;
                }

                var isFederated = federation.IsProxy(listed.ClusterId);
                if (!knownById.TryGetValue(listed.ClusterId, out var cluster))
                {
                    registrations.Add(new BcsPlannedRegistration(listing.TenantId, listed, isFederated));
                    continue;
                }
                var retry = cluster.Status == BcsClusterStatus.InitFailed;
                var (_, changes) = BcsRegistration.ApplyRefresh(cluster, listed, currentToken, now: 0);
                if (retry || changes.HasChanges)
                {
                    refreshes.Add(new BcsPlannedRefresh(listing.TenantId, listed, isFederated, retry, changes));
                }
            }

            if (listing.Federation is not null)
            {
                syncs.Add(FederationSyncPlanner.Plan(listing.TenantId, listing.Federation, federationRecords));
            }
        }

        List<string> deletions = discovered.Count == 0
            ? []
            : [.. known
                .Where(c => c.Status != BcsClusterStatus.Deleted && !discovered.Contains(c.ClusterId)
                    && protectedClusterIds?.Contains(c.ClusterId) != true)
                .Select(c => c.ClusterId)
                .Order(StringComparer.Ordinal)];

        return new BcsDiscoveryPlan(registrations, refreshes, deletions, syncs, skipped);
    }
}
