using BkMonitor.Grains.Bcs;

namespace BkMonitor.UnitTests.Bcs;

public class FederationSyncPlannerTests
{
    private static BcsFederationTopology Topology(params (string Fed, string Sub, string[]? Namespaces)[] pairs) =>
        new(pairs.GroupBy(p => p.Fed).ToDictionary(
            g => g.Key,
            g => new BcsFederatedCluster("BCS-K8S-00009", g.ToDictionary(p => p.Sub, p => (IReadOnlyList<string>?)p.Namespaces))));

    private static BcsFederationRecord Row(string fed, string sub, string[] namespaces, bool deleted = false, string tenant = "system") =>
        new(tenant, fed, "BCS-K8S-00009", sub, namespaces, deleted);

    [Fact]
    public void New_pairs_are_upserted_with_sorted_unique_namespaces()
    {
        var plan = FederationSyncPlanner.Plan("system", Topology(("F1", "S1", ["b", "a", "b"])), []);

        var row = Assert.Single(plan.Upserts);
        Assert.Equal(("F1", "S1", "BCS-K8S-00009", false), (row.FedClusterId, row.SubClusterId, row.HostClusterId, row.IsDeleted));
        Assert.Equal(["a", "b"], row.Namespaces);
        Assert.Equal(["F1"], plan.ActiveProxyClusterIds);
        Assert.Equal(["S1"], plan.ActiveSubClusterIds);
        Assert.False(plan.IsRefused);
    }

    [Fact]
    public void Unchanged_pairs_are_left_alone()
    {
        var plan = FederationSyncPlanner.Plan("system", Topology(("F1", "S1", ["a"])), [Row("F1", "S1", ["a"])]);
        Assert.Empty(plan.Upserts);
        Assert.Empty(plan.Deletions);
    }

    [Fact]
    public void Changed_namespaces_and_revived_pairs_are_upserted()
    {
        var plan = FederationSyncPlanner.Plan("system", Topology(("F1", "S1", ["a", "c"]), ("F1", "S2", ["x"])),
            [Row("F1", "S1", ["a"]), Row("F1", "S2", ["x"], deleted: true)]);
        Assert.Equal(["S1", "S2"], plan.Upserts.Select(u => u.SubClusterId));
        Assert.All(plan.Upserts, u => Assert.False(u.IsDeleted));
    }

    [Fact]
    public void Vanished_pairs_are_marked_deleted_and_their_proxy_reported_removed()
    {
        var plan = FederationSyncPlanner.Plan("system", Topology(("F1", "S1", ["a"])),
            [Row("F1", "S1", ["a"]), Row("F2", "S2", ["b"]), Row("F3", "S3", ["c"], tenant: "other")]);

        var deleted = Assert.Single(plan.Deletions);
        Assert.Equal(("F2", "S2", true), (deleted.FedClusterId, deleted.SubClusterId, deleted.IsDeleted));
        Assert.Equal(["F1"], plan.ActiveProxyClusterIds);
        Assert.Equal(["F2"], plan.RemovedProxyClusterIds);
        Assert.Equal(["S2"], plan.RemovedSubClusterIds);
    }

    [Fact]
    public void An_empty_snapshot_is_refused_while_pairs_are_active()
    {
        var plan = FederationSyncPlanner.Plan("system", BcsFederationTopology.Empty, [Row("F1", "S1", ["a"])]);
        Assert.True(plan.IsRefused);
        Assert.Contains("empty federation snapshot while 1 pair(s) are active", plan.RefusedReason);
        Assert.Empty(plan.Deletions);
    }

    [Fact]
    public void An_empty_snapshot_with_nothing_active_is_a_no_op()
    {
        var plan = FederationSyncPlanner.Plan("system", BcsFederationTopology.Empty, [Row("F1", "S1", ["a"], deleted: true)]);
        Assert.False(plan.IsRefused);
        Assert.Empty(plan.Upserts);
        Assert.Empty(plan.Deletions);
    }

    [Fact]
    public void Two_proxies_claiming_one_namespace_are_refused()
    {
        var plan = FederationSyncPlanner.Plan("system", Topology(("F1", "S1", ["a"]), ("F2", "S1", ["a", "b"])), []);
        Assert.Equal("federation namespace conflict: S1/a claimed by F1, F2", plan.RefusedReason);
    }

    [Fact]
    public void Unknown_namespaces_keep_the_pair_without_rewriting_it()
    {
        var plan = FederationSyncPlanner.Plan("system", Topology(("F1", "S1", null)), [Row("F1", "S1", ["a"])]);
        Assert.Empty(plan.Upserts);
        Assert.Empty(plan.Deletions);
        Assert.Equal(["S1"], plan.ActiveSubClusterIds);
    }
}
