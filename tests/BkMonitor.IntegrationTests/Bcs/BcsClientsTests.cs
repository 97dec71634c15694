using System.Text.Json.Nodes;
using BkMonitor.Grains.Bcs;
using BkMonitor.Grains.Bcs.Clients;

namespace BkMonitor.IntegrationTests.Bcs;

public sealed class BcsClientsTests : IDisposable
{
    private readonly FakeBcsGateway _gateway = new();
    private readonly HttpClient _http = new();

    private BcsClusterState Cluster(int biz = 2) => new()
    {
        ClusterId = "BCS-K8S-40001",
        TenantId = "system",
        BkBizId = biz,
        ProjectId = "p1",
        DomainName = "127.0.0.1",
        Port = _gateway.Port,
        ApiKeyContent = "cluster-token",
        BkEnv = "prod",
        K8sMetricDataId = 1500001,
        CustomMetricDataId = 1500002,
        K8sEventDataId = 1500003,
        CustomEventDataId = 1500004,
        SystemLogDataId = 1500005,
        CustomLogDataId = 1500006,
    };

    private DataIdResourceInitializer Initializer() => new(new KubernetesDataIdClient(_http, "http"));

    [Fact]
    public async Task Init_creates_one_DataID_per_data_source_with_the_cluster_token()
    {
        var result = await Initializer().InitAsync(Cluster(), isFederated: false, BcsReplaceConfig.Empty, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(6, result.Outcomes.Count);
        Assert.All(result.Outcomes.Values, o => Assert.Equal(DataIdUpsertOutcome.Created, o));
        var posts = _gateway.Requests.Where(r => r.Method == "POST").ToList();
        Assert.Equal(6, posts.Count);
        Assert.All(posts, p =>
        {
            Assert.Equal("/clusters/BCS-K8S-40001/apis/monitoring.bk.tencent.com/v1beta1/dataids", p.Path);
            Assert.Equal("Bearer cluster-token", p.Authorization);
            var body = JsonNode.Parse(p.Body)!;
            Assert.Equal("DataID", body["kind"]!.GetValue<string>());
            Assert.Equal("monitoring.bk.tencent.com/v1beta1", body["apiVersion"]!.GetValue<string>());
            Assert.StartsWith("prod-", body["metadata"]!["name"]!.GetValue<string>());
            Assert.Equal("BCS-K8S-40001", body["spec"]!["labels"]!["bcs_cluster_id"]!.GetValue<string>());
            Assert.Equal("2", body["spec"]!["labels"]!["bk_biz_id"]!.GetValue<string>());
        });
        Assert.Equal(
            new[] { 1500001, 1500002, 1500003, 1500004, 1500005, 1500006 },
            posts.Select(p => JsonNode.Parse(p.Body)!["spec"]!["dataID"]!.GetValue<int>()).Order());
    }

    [Fact]
    public async Task A_second_init_changes_nothing_and_a_biz_change_replaces_with_the_resource_version()
    {
        await Initializer().InitAsync(Cluster(), false, BcsReplaceConfig.Empty, CancellationToken.None);
        var again = await Initializer().InitAsync(Cluster(), false, BcsReplaceConfig.Empty, CancellationToken.None);
        Assert.All(again.Outcomes.Values, o => Assert.Equal(DataIdUpsertOutcome.Unchanged, o));
        Assert.DoesNotContain(_gateway.Requests, r => r.Method == "PUT");

        var moved = await Initializer().InitAsync(Cluster(biz: 3), false, BcsReplaceConfig.Empty, CancellationToken.None);
        Assert.True(moved.Succeeded, string.Join("; ", moved.Errors));
        Assert.All(moved.Outcomes.Values, o => Assert.Equal(DataIdUpsertOutcome.Replaced, o));
        var put = _gateway.Requests.First(r => r.Method == "PUT");
        var sentVersion = JsonNode.Parse(put.Body)!["metadata"]!["resourceVersion"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(sentVersion)); // the fake answers 409 to a stale or missing version
        Assert.All(_gateway.Resources.Values, r => Assert.Equal("3", r["spec"]!["labels"]!["bk_biz_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Federated_cluster_gets_the_fed_suffixed_custom_metric_resource_only()
    {
        var result = await Initializer().InitAsync(Cluster(), isFederated: true, BcsReplaceConfig.Empty, CancellationToken.None);
        var name = Assert.Single(result.Outcomes.Keys);
        Assert.EndsWith("-bcs-k8s-40001-fed", name);
    }

    [Fact]
    public async Task Missing_crd_is_reported_per_resource_not_thrown()
    {
        _gateway.CrdInstalled = false;
        var result = await Initializer().InitAsync(Cluster(), false, BcsReplaceConfig.Empty, CancellationToken.None);
        Assert.False(result.Succeeded);
        Assert.Equal(6, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Contains("custom resource definition", e));
    }

    [Fact]
    public async Task Cluster_listing_is_read_with_tenant_and_token()
    {
        _gateway.ClusterListBody = """
            {"code":0,"result":true,"data":[{"clusterID":"BCS-K8S-40001","clusterName":"prod","projectID":"p1","businessID":"2","status":"RUNNING","engineType":"k8s"}]}
            """;
        var client = new BcsApiClient(_http, new BcsApiOptions { BaseUrl = _gateway.BaseUrl, Token = "gw-token", Tenants = ["t1"] });
        var listing = await client.ListTenantAsync("t1", CancellationToken.None);
        var cluster = Assert.Single(listing.Clusters);
        Assert.Equal("BCS-K8S-40001", cluster.ClusterId);
        Assert.Equal(2, cluster.BkBizId);
        Assert.All(_gateway.Requests, r => Assert.Equal(("Bearer gw-token", "t1"), (r.Authorization, r.Tenant)));
    }

    [Fact]
    public async Task Api_errors_and_garbage_are_distinct_clear_errors()
    {
        var client = new BcsApiClient(_http, new BcsApiOptions { BaseUrl = _gateway.BaseUrl, Token = "x" });
        _gateway.ClusterListStatus = 500;
        var down = await Assert.ThrowsAsync<BcsApiUnavailableException>(() => client.ListTenantAsync("system", CancellationToken.None));
        Assert.Contains("500", down.Message);
        _gateway.ClusterListStatus = 200;
        _gateway.ClusterListBody = "<html>gateway error</html>";
        await Assert.ThrowsAsync<BcsApiResponseException>(() => client.ListTenantAsync("system", CancellationToken.None));
        var unreachable = new BcsApiClient(_http, new BcsApiOptions { BaseUrl = "http://127.0.0.1:1/", Token = "x" });
        var ex = await Assert.ThrowsAsync<BcsApiUnavailableException>(() => unreachable.ListTenantAsync("system", CancellationToken.None));
        Assert.Contains("127.0.0.1:1", ex.Message);
    }

    public void Dispose()
    {
        _http.Dispose();
        _gateway.Dispose();
    }
}
