using BkMonitor.Grains.Bcs;

namespace BkMonitor.UnitTests.Bcs;

public class BcsRegistrationTests
{
    [Theory]
    [InlineData("BCS-K8S-00001")]
    [InlineData("BCS-K8S-40001")]
    [InlineData("BCS-K8S-123456")]
    public void Bcs_cluster_ids_are_accepted(string id) => Assert.Null(BcsRegistration.ValidateClusterId(id));

    [Theory]
    [InlineData("")]
    [InlineData("bcs-k8s-00001")]
    [InlineData("BCS-K8S-")]
    [InlineData("BCS-K8S-0001a")]
    [InlineData("BCS-MESOS-00001")]
    public void Malformed_cluster_ids_are_rejected(string id) => Assert.NotNull(BcsRegistration.ValidateClusterId(id));

    [Fact]
    public void Registration_records_ownership_gateway_access_and_the_six_data_ids()
    {
        var cluster = BcsRegistration.Register(new BcsRegisterRequest("system", "BCS-K8S-00001", 2, "proj-1"), _ => false,
            BcsTestClusters.Gateway, BcsTestClusters.DataIds(), now: 1700000000);

        Assert.Equal(BcsClusterStatus.Running, cluster.Status);
        Assert.Equal(("system", 2, "proj-1"), (cluster.TenantId, cluster.BkBizId, cluster.ProjectId));
        Assert.Equal(("bcs-api.example.com", 443, "clusters"), (cluster.DomainName, cluster.Port, cluster.ServerAddressPath));
        Assert.Equal(("authorization", "Bearer", "gw-token"), (cluster.ApiKeyType, cluster.ApiKeyPrefix, cluster.ApiKeyContent));
        Assert.Equal("prod", cluster.BkEnv);
        Assert.Equal([1500000, 1500001, 1500002, 1500003, 1500004, 1500005],
            BcsDataSourceSpec.All.Select(s => cluster.DataIdOf(s.Kind)));
        Assert.Equal(1700000000, cluster.CreateTime);
    }

    [Fact]
    public void A_duplicate_cluster_id_is_an_error()
    {
        var error = Assert.Throws<BcsClusterAlreadyRegisteredException>(() => BcsRegistration.Register(
            new BcsRegisterRequest("system", "BCS-K8S-00001", 2, "p"), id => id == "BCS-K8S-00001",
            BcsTestClusters.Gateway, BcsTestClusters.DataIds(), 0));
        Assert.Equal("BCS-K8S-00001", error.ClusterId);
    }

    [Fact]
    public void A_missing_data_id_is_named()
    {
        var ids = BcsTestClusters.DataIds();
        ids.Remove(BcsDataSourceKind.CustomLog);
        var error = Assert.Throws<ArgumentException>(() => BcsRegistration.Register(
            new BcsRegisterRequest("system", "BCS-K8S-00001", 2, "p"), _ => false, BcsTestClusters.Gateway, ids, 0));
        Assert.Contains("CustomLogDataID", error.Message);
    }

    [Fact]
    public void A_failed_init_parks_the_cluster_and_a_successful_retry_returns_it_to_running()
    {
        var failed = BcsRegistration.ApplyInitResult(BcsTestClusters.Registered(), succeeded: false, now: 200);
        Assert.Equal(BcsClusterStatus.InitFailed, failed.Status);
        Assert.Equal(200, failed.LastModifyTime);

        var retried = BcsRegistration.ApplyInitResult(failed, succeeded: true, now: 300);
        Assert.Equal(BcsClusterStatus.Running, retried.Status);
    }

    [Fact]
    public void A_successful_init_keeps_a_mirrored_bcs_status()
    {
        var cluster = BcsTestClusters.Registered(status: "UNHEALTHY");
        Assert.Same(cluster, BcsRegistration.ApplyInitResult(cluster, succeeded: true, now: 300));
    }

    [Fact]
    public void Refresh_mirrors_status_token_business_and_project()
    {
        var cluster = BcsTestClusters.Registered(token: "old-token");
        var (updated, changes) = BcsRegistration.ApplyRefresh(cluster,
            BcsTestClusters.Listed("BCS-K8S-00001", biz: 5, status: "UNHEALTHY", project: "proj-2"), "new-token", now: 500);

        Assert.Equal(("RUNNING", "UNHEALTHY"), changes.Status);
        Assert.True(changes.ApiKeyChanged);
        Assert.Equal((2, 5), changes.BizMove);
        Assert.Equal(("proj-1", "proj-2"), changes.Project);
        Assert.Equal(("UNHEALTHY", "new-token", 5, "proj-2", 500L),
            (updated.Status, updated.ApiKeyContent, updated.BkBizId, updated.ProjectId, updated.LastModifyTime));
    }

    [Fact]
    public void Refresh_leaves_an_init_failed_status_for_the_retry_to_clear()
    {
        var cluster = BcsTestClusters.Registered(status: BcsClusterStatus.InitFailed);
        var (updated, changes) = BcsRegistration.ApplyRefresh(cluster, BcsTestClusters.Listed("BCS-K8S-00001"), "gw-token", 500);
        Assert.False(changes.HasChanges);
        Assert.Same(cluster, updated);
    }

    [Fact]
    public void A_deleted_cluster_listed_again_comes_back_to_bcs_status()
    {
        var deleted = BcsRegistration.MarkDeleted(BcsTestClusters.Registered(), 400);
        Assert.Equal(BcsClusterStatus.Deleted, deleted.Status);
        var (revived, changes) = BcsRegistration.ApplyRefresh(deleted, BcsTestClusters.Listed("BCS-K8S-00001"), "gw-token", 500);
        Assert.Equal(("DELETED", "RUNNING"), changes.Status);
        Assert.Equal(BcsClusterStatus.Running, revived.Status);
    }
}
