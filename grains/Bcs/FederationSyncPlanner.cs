namespace BkMonitor.Grains.Bcs;

/// <summary>
/// sync_federation_clusters as a pure diff. Refuses an empty snapshot while pairs are active (a BCS
/// hiccup must not unfederate everything) and a snapshot where two proxies claim the same namespace
/// of one sub-cluster.
/// </summary>
internal static class FederationSyncPlanner
{
    public static FederationSyncPlan Plan(string tenantId, BcsFederationTopology snapshot, IEnumerable<BcsFederationRecord> records)
    {
        var rows = records.Where(r => r.TenantId == tenantId).ToDictionary(r => r.Pair);
        var activeBefore = rows.Values.Where(r => !r.IsDeleted).ToList();
        if (snapshot.IsEmpty && activeBefore.Count > 0)
        {
            return FederationSyncPlan.Refused(tenantId,
                $"BCS returned an empty federation snapshot while {activeBefore.Count} pair(s) are active; keeping them");
        }
        if (NamespaceConflicts(snapshot) is { } conflict)
        {
            return FederationSyncPlan.Refused(tenantId, conflict);
        }

        var desired = new HashSet<(string, string)>();
        var upserts = new List<BcsFederationRecord>();
        foreach (var (fedId, fed) in snapshot.Clusters.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            foreach (var (subId, namespaces) in fed.SubClusters.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                desired.Add((fedId, subId));
                if (namespaces is null)
                {
                    continue;
                }
                var row = new BcsFederationRecord(tenantId, fedId, fed.HostClusterId, subId,
                    [.. namespaces.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
                if (!rows.TryGetValue(row.Pair, out var current) || !SameRow(current, row))
                {
                    upserts.Add(row);
                    rows[row.Pair] = row;
                }
            }
        }

        var deletions = new List<BcsFederationRecord>();
        foreach (var row in activeBefore.Where(r => !desired.Contains(r.Pair))
                     .OrderBy(r => r.FedClusterId, StringComparer.Ordinal).ThenBy(r => r.SubClusterId, StringComparer.Ordinal))
        {
            var deleted = row with { IsDeleted = true };
            deletions.Add(deleted);
            rows[row.Pair] = deleted;
        }

        var activeAfter = rows.Values.Where(r => !r.IsDeleted).ToList();
        var proxies = Ids(activeAfter, r => r.FedClusterId);
        var subs = Ids(activeAfter, r => r.SubClusterId);
        return new FederationSyncPlan(tenantId, upserts, deletions,
            proxies, [.. Ids(activeBefore, r => r.FedClusterId).Except(proxies)],
            subs, [.. Ids(activeBefore, r => r.SubClusterId).Except(subs)]);
    }

    private static bool SameRow(BcsFederationRecord a, BcsFederationRecord b) =>
        !a.IsDeleted && a.HostClusterId == b.HostClusterId && a.Namespaces.SequenceEqual(b.Namespaces, StringComparer.Ordinal);

    private static List<string> Ids(IEnumerable<BcsFederationRecord> rows, Func<BcsFederationRecord, string> key) =>
        [.. rows.Select(key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static string? NamespaceConflicts(BcsFederationTopology snapshot)
    {
        var owners = new Dictionary<(string Sub, string Ns), SortedSet<string>>();
        foreach (var (fedId, fed) in snapshot.Clusters)
        {
            foreach (var (subId, namespaces) in fed.SubClusters)
            {
                foreach (var ns in namespaces ?? [])
                {
                    if (ns.Length == 0)
                    {
                        continue;
                    }
                    if (!owners.TryGetValue((subId, ns), out var feds))
                    {
                        feds = new SortedSet<string>(StringComparer.Ordinal);
                        owners[(subId, ns)] = feds;
                    }
                    feds.Add(fedId);
                }
            }
        }
        var conflicts = owners.Where(o => o.Value.Count > 1)
            .OrderBy(o => o.Key.Sub, StringComparer.Ordinal).ThenBy(o => o.Key.Ns, StringComparer.Ordinal)
            .Select(o => $"{o.Key.Sub}/{o.Key.Ns} claimed by {string.Join(", ", o.Value)}")
            .ToList();
        return conflicts.Count == 0 ? null : "federation namespace conflict: " + string.Join("; ", conflicts);
    }
}
