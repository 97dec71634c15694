using BkMonitor.GrainInterfaces.Bcs;
using BkMonitor.GrainInterfaces.Metadata;
using BkMonitor.Grains.Hosting;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Reminders;
using BkMonitor.Runtime.Storage;
using BkMonitor.Runtime.Testing;

namespace BkMonitor.IntegrationTests.Bcs;

/// <summary>Discovery and cluster grains in a test cluster against the fake BCS API and Kubernetes API.</summary>
public sealed class BcsDiscoveryGrainTests : IAsyncLifetime
{
    private const string Cluster = "BCS-K8S-40001";
    private readonly FakeBcsGateway _gateway = new();
    private TestCluster _cluster = null!;

    private IBcsDiscoveryGrain Discovery => _cluster.GrainFactory.GetGrain<IBcsDiscoveryGrain>(IBcsDiscoveryGrain.GlobalKey);

    public async Task InitializeAsync()
    {
        var storage = new MemoryGrainStorage(ProviderNames.DefaultStorage, new JsonGrainStateSerializer());
        _cluster = await TestCluster.StartAsync(options =>
        {
            options.TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
            options.ConfigureSilo = silo =>
            {
                silo.AddMemoryGrainStorage(ProviderNames.DefaultStorage, storage).UseInMemoryReminderService(new InMemoryReminderTable()).AddMemoryStreams(ProviderNames.DefaultStreams);
                silo.AddBkMonitorMetadata(bcs =>
                {
                    bcs.Api.BaseUrl = _gateway.BaseUrl;
                    bcs.Api.Token = "gw-token";
                    bcs.GatewayHost = "127.0.0.1";
                    bcs.GatewayPort = _gateway.Port;
                    bcs.GatewaySchema = "http";
                });
                silo.AddBkMonitorGrains();
            };
        });
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _gateway.Dispose();
    }

    private void List(string status = "RUNNING", int biz = 2) => _gateway.ClusterListBody =
        $$"""{"code":0,"result":true,"data":[{"clusterID":"{{Cluster}}","clusterName":"prod","projectID":"p1","businessID":"{{biz}}","status":"{{status}}","engineType":"k8s"}]}""";

    [Fact]
    public async Task A_new_cluster_gets_six_data_sources_and_six_DataID_resources_then_follows_biz_changes_and_vanishing()
    {
        List();
        var report = await Discovery.DiscoverAsync();
        Assert.Null(report.Error);
        Assert.Equal([Cluster], report.Registered);

        var view = (await _cluster.GrainFactory.GetGrain<IBcsClusterGrain>(Cluster).GetAsync())!;
        Assert.Equal(("RUNNING", 2), (view.Status, view.BkBizId));
        Assert.Equal(["custom_event", "custom_log", "custom_metric", "k8s_event", "k8s_metric", "system_log"], view.DataIds.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(6, view.DataIds.Values.Distinct().Count());
        var k8sMetric = (await _cluster.GrainFactory.GetGrain<IDataSourceGrain>(view.DataIds["k8s_metric"]).GetAsync())!;
        Assert.Equal(($"bcs_{Cluster}_k8s_metric", true, "bk_standard_v2_time_series"), (k8sMetric.DataName, k8sMetric.IsSystem, k8sMetric.EtlConfig));
        var posts = _gateway.Requests.Where(r => r.Method == "POST" && r.Path.Contains("/dataids", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, posts.Count);
        Assert.All(posts, p => Assert.Equal($"/clusters/{Cluster}/apis/monitoring.bk.tencent.com/v1beta1/dataids", p.Path));
        Assert.All(posts, p => Assert.Equal("Bearer gw-token", p.Authorization));
        Assert.Equal(6, _gateway.Resources.Count);

        List(biz: 3);
        Assert.Equal([Cluster], (await Discovery.DiscoverAsync()).Refreshed);
        Assert.Equal(3, (await _cluster.GrainFactory.GetGrain<IBcsClusterGrain>(Cluster).GetAsync())!.BkBizId);

        _gateway.ClusterListBody = """{"code":0,"result":true,"data":[{"clusterID":"BCS-K8S-40002","clusterName":"new","projectID":"p2","businessID":"2","status":"RUNNING","engineType":"k8s"}]}""";
        var vanished = await Discovery.DiscoverAsync();
        Assert.Equal([Cluster], vanished.Deleted);
        Assert.Equal(["BCS-K8S-40002"], vanished.Registered);
        Assert.Equal("DELETED", (await _cluster.GrainFactory.GetGrain<IBcsClusterGrain>(Cluster).GetAsync())!.Status);
    }

    [Fact]
    public async Task A_missing_CRD_parks_the_cluster_in_init_failed_and_the_next_run_retries_it()
    {
        _gateway.CrdInstalled = false;
        List();
        await Discovery.DiscoverAsync();
        var failed = (await _cluster.GrainFactory.GetGrain<IBcsClusterGrain>(Cluster).GetAsync())!;
        Assert.Equal("init_failed", failed.Status);
        Assert.NotEmpty(failed.InitErrors);

        _gateway.CrdInstalled = true;
        var retry = await Discovery.DiscoverAsync();
        Assert.Equal([Cluster], retry.Refreshed);
        var ok = (await _cluster.GrainFactory.GetGrain<IBcsClusterGrain>(Cluster).GetAsync())!;
        Assert.Equal(("RUNNING", 0), (ok.Status, ok.InitErrors.Count));
        Assert.Equal(6, _gateway.Resources.Count);
    }

    [Fact]
    public async Task An_API_error_or_garbage_changes_nothing_and_is_reported()
    {
        List();
        await Discovery.DiscoverAsync();
        _gateway.ClusterListStatus = 500;
        var down = await Discovery.DiscoverAsync();
        Assert.Contains("500", down.Error, StringComparison.Ordinal);
        _gateway.ClusterListStatus = 200;
        _gateway.ClusterListBody = "<html>gateway error</html>";
        var garbage = await Discovery.DiscoverAsync();
        Assert.NotNull(garbage.Error);
        Assert.Equal(("RUNNING", true), ((await _cluster.GrainFactory.GetGrain<IBcsClusterGrain>(Cluster).GetAsync())!.Status, garbage.Deleted.Count == 0));
    }
}
