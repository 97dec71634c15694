using BkMonitor.Grains.Bcs;
using static BkMonitor.UnitTests.Bcs.BcsTestClusters;

namespace BkMonitor.UnitTests.Bcs;

public class BcsDiscoveryPlannerTests
{
    private static BcsFederationTopology Fed(string proxy, string sub, params string[] namespaces) =>
        new(new Dictionary<string, BcsFederatedCluster>
        {
            [proxy] = new("BCS-K8S-00009", new Dictionary<string, IReadOnlyList<string>?> { [sub] = namespaces }),
        });

    private static BcsDiscoveryPlan Plan(IReadOnlyList<BcsTenantListing> listings, params BcsClusterState[] known) =>
        BcsDiscoveryPlanner.Plan(listings, known, [], "gw-token");

    [Fact]
    public void New_clusters_are_registered_with_federation_proxies_first()
    {
        var listing = new BcsTenantListing("system",
            [Listed("BCS-K8S-00001"), Listed("BCS-K8S-00002"), Listed("BCS-K8S-90001")],
            Fed("BCS-K8S-90001", "BCS-K8S-00002", "ns1"));

        var plan = Plan([listing]);

        Assert.Equal(["BCS-K8S-90001", "BCS-K8S-00001", "BCS-K8S-00002"], plan.Registrations.Select(r => r.Cluster.ClusterId));
        Assert.Equal([true, false, false], plan.Registrations.Select(r => r.IsFederated));
        Assert.All(plan.Registrations, r => Assert.Equal("system", r.TenantId));
        Assert.Empty(plan.Refreshes);
        Assert.Empty(plan.Deletions);
    }

    [Fact]
    public void An_unchanged_known_cluster_needs_nothing()
    {
        var plan = Plan([new BcsTenantListing("system", [Listed("BCS-K8S-00001")], null)], Registered());
        Assert.Empty(plan.Registrations);
        Assert.Empty(plan.Refreshes);
        Assert.Empty(plan.Deletions);
        Assert.Empty(plan.FederationSyncs);
    }

    [Fact]
    public void A_business_change_is_flagged_so_routes_move()
    {
        var plan = Plan([new BcsTenantListing("system", [Listed("BCS-K8S-00001", biz: 7, project: "proj-9")], null)], Registered());

        var refresh = Assert.Single(plan.Refreshes);
        Assert.Equal((2, 7), refresh.Changes.BizMove);
        Assert.Equal(("proj-1", "proj-9"), refresh.Changes.Project);
        Assert.Null(refresh.Changes.Status);
        Assert.False(refresh.RetryInit);
    }

    [Fact]
    public void A_rotated_gateway_token_and_a_new_status_are_refreshed()
    {
        var plan = BcsDiscoveryPlanner.Plan([new BcsTenantListing("system", [Listed("BCS-K8S-00001", status: "UNHEALTHY")], null)],
            [Registered()], [], currentToken: "rotated");

        var changes = Assert.Single(plan.Refreshes).Changes;
        Assert.True(changes.ApiKeyChanged);
        Assert.Equal(("RUNNING", "UNHEALTHY"), changes.Status);
        Assert.Null(changes.BizMove);
    }

    [Fact]
    public void An_init_failed_cluster_is_retried()
    {
        var plan = Plan([new BcsTenantListing("system", [Listed("BCS-K8S-00001")], null)], Registered(status: BcsClusterStatus.InitFailed));
        var refresh = Assert.Single(plan.Refreshes);
        Assert.True(refresh.RetryInit);
        Assert.False(refresh.Changes.HasChanges);
    }

    [Fact]
    public void A_known_federation_proxy_is_refreshed_as_federated()
    {
        var listing = new BcsTenantListing("system", [Listed("BCS-K8S-00002"), Listed("BCS-K8S-90001", biz: 3)], Fed("BCS-K8S-90001", "BCS-K8S-00002", "ns1"));
        var plan = Plan([listing], Registered("BCS-K8S-90001"), Registered("BCS-K8S-00002"));

        var refresh = Assert.Single(plan.Refreshes);
        Assert.Equal("BCS-K8S-90001", refresh.Cluster.ClusterId);
        Assert.True(refresh.IsFederated);
        var sync = Assert.Single(plan.FederationSyncs);
        Assert.Equal("BCS-K8S-00002", Assert.Single(sync.Upserts).SubClusterId);
    }

    [Fact]
    public void Clusters_no_longer_listed_are_marked_deleted()
    {
        var plan = Plan([new BcsTenantListing("system", [Listed("BCS-K8S-00001")], null)],
            Registered(), Registered("BCS-K8S-00003"), Registered("BCS-K8S-00002", status: BcsClusterStatus.Deleted));
        Assert.Equal(["BCS-K8S-00003"], plan.Deletions);
    }

    [Fact]
    public void Vanished_clusters_of_every_tenant_are_deleted_once_any_tenant_lists_something()
    {
        var plan = Plan(
            [new BcsTenantListing("t1", [Listed("BCS-K8S-00001")], null), new BcsTenantListing("t2", [], null)],
            Registered(tenant: "t1"), Registered("BCS-K8S-00005", tenant: "t2"));
        Assert.Equal(["BCS-K8S-00005"], plan.Deletions);
    }

    [Fact]
    public void An_empty_listing_deletes_nothing()
    {
        var plan = Plan([new BcsTenantListing("system", [], null)], Registered(), Registered("BCS-K8S-00003"));
        Assert.Empty(plan.Deletions);
        Assert.Empty(plan.Registrations);
    }

    [Fact]
    public void A_listing_of_only_deleted_clusters_counts_as_empty()
    {
        var plan = Plan([new BcsTenantListing("system", [Listed("BCS-K8S-00001", status: "DELETED")], null)],
            Registered(), Registered("BCS-K8S-00003"));
        Assert.Empty(plan.Deletions);
        Assert.Equal(["BCS-K8S-00001: listed as deleted"], plan.Skipped);
    }

    [Fact]
    public void A_cluster_listed_as_deleted_is_marked_deleted_when_others_are_live()
    {
        var plan = Plan([new BcsTenantListing("system", [Listed("BCS-K8S-00001", status: "DELETED"), Listed("BCS-K8S-00002")], null)],
            Registered(), Registered("BCS-K8S-00002"));
        Assert.Equal(["BCS-K8S-00001"], plan.Deletions);
        Assert.Empty(plan.Registrations);
    }

    [Fact]
    public void Protected_clusters_are_never_deleted()
    {
        var plan = BcsDiscoveryPlanner.Plan([new BcsTenantListing("system", [Listed("BCS-K8S-00001")], null)],
            [Registered(), Registered("BCS-K8S-00003")], [], "gw-token", new HashSet<string> { "BCS-K8S-00003" });
        Assert.Empty(plan.Deletions);
    }

    [Fact]
    public void A_shared_cluster_listed_twice_is_registered_once()
    {
        var plan = Plan([new BcsTenantListing("system", [Listed("BCS-K8S-00001"), Listed("BCS-K8S-00001", biz: 9)], null)]);
        Assert.Equal(2, Assert.Single(plan.Registrations).Cluster.BkBizId);
        Assert.Single(plan.Skipped);
    }

    [Fact]
    public void Without_a_federation_answer_nothing_counts_as_federated_and_no_sync_is_planned()
    {
        var plan = Plan([new BcsTenantListing("system", [Listed("BCS-K8S-90001")], Federation: null)]);
        Assert.False(Assert.Single(plan.Registrations).IsFederated);
        Assert.Empty(plan.FederationSyncs);
    }

    [Fact]
    public void Garbage_from_bcs_never_reaches_the_planner()
    {
        // The parser fails the whole listing; discovery then skips the run instead of planning deletions.
        Assert.Throws<BcsApiResponseException>(() => BcsApiParser.ParseClusterList("""{"code": 0, "data": [{"clusterID": 5}]}"""));
    }
}
