using System.Diagnostics;
using System.Text.Json.Nodes;
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
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
    private TestCluster _cluster = null!;

    private IBcsDiscoveryGrain Discovery => _cluster.GrainFactory.GetGrain<IBcsDiscoveryGrain>(IBcsDiscoveryGrain.GlobalKey);

    public async Task InitializeAsync()
    {
        var storage = new MemoryGrainStorage(ProviderNames.DefaultStorage, new JsonGrainStateSerializer());
        _cluster = await TestCluster.StartAsync(options =>
        {
            options.TimeProvider = _clock;
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

    [Fact]
    public async Task Federation_pairs_are_synced_with_namespaces_vanished_pairs_deleted_and_an_empty_snapshot_refused()
    {
        _gateway.ClusterListBody = """
            {"code":0,"result":true,"data":[
              {"clusterID":"BCS-K8S-40001","clusterName":"host","projectID":"p1","businessID":"2","status":"RUNNING"},
              {"clusterID":"BCS-K8S-90001","clusterName":"fed","projectID":"p1","businessID":"2","status":"RUNNING"}]}
            """;
        Federation(("BCS-K8S-40002", """["ns2","ns1"]"""));
        await Discovery.DiscoverAsync();

        Assert.Equal([("BCS-K8S-90001", "BCS-K8S-40001", "BCS-K8S-40002", "ns1,ns2", false)], await PairsAsync());
        var fed = (await _cluster.GrainFactory.GetGrain<IBcsClusterGrain>("BCS-K8S-90001").GetAsync())!;
        Assert.True(fed.IsFederated);
        Assert.Single(_gateway.Resources.Keys, k => k.EndsWith("-bcs-k8s-90001-fed", StringComparison.Ordinal));

        Federation(("BCS-K8S-40003", """["ns3"]"""));
        await Discovery.DiscoverAsync();
        Assert.Equal(
            [("BCS-K8S-90001", "BCS-K8S-40001", "BCS-K8S-40002", "ns1,ns2", true), ("BCS-K8S-90001", "BCS-K8S-40001", "BCS-K8S-40003", "ns3", false)],
            await PairsAsync());

        _gateway.FederationBody = """{"code":0,"data":[]}""";
        await Discovery.DiscoverAsync();
        Assert.Equal(["BCS-K8S-90001/BCS-K8S-40003"], await Discovery.FederationPairsAsync());
    }

    [Fact]
    public async Task The_discovery_reminder_runs_every_five_minutes_and_retries_an_init_failed_cluster()
    {
        _gateway.CrdInstalled = false;
        List();
        // Once active (the silo start activates it in the background), the grain's reminders are due from now.
        Assert.Empty(await Discovery.ClusterIdsAsync());
        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Empty(await Discovery.ClusterIdsAsync());

        _clock.Advance(TimeSpan.FromMinutes(1));
        await WaitUntilAsync(async () => (await ClusterAsync())?.Status == "init_failed", "the first tick registers the cluster (init_failed)");

        _gateway.CrdInstalled = true;
        _clock.Advance(TimeSpan.FromMinutes(5));
        await WaitUntilAsync(async () => (await ClusterAsync())?.Status == "RUNNING", "the next tick retries the resources");
        Assert.Equal(6, _gateway.Resources.Count);
    }

    [Fact]
    public async Task The_periodic_refresh_replaces_a_drifted_DataID_resource_with_its_resourceVersion()
    {
        List();
        await Discovery.DiscoverAsync();
        var k8sMetricId = (await ClusterAsync())!.DataIds["k8s_metric"];
        var (name, resource) = _gateway.Resources.Single(r => r.Value["spec"]!["dataID"]!.GetValue<int>() == k8sMetricId);
        var version = resource["metadata"]!["resourceVersion"]!.GetValue<string>();
        resource["spec"]!["dataID"] = 1;
        _gateway.Requests.Clear();

        _clock.Advance(TimeSpan.FromMinutes(10));
        await WaitUntilAsync(() => Task.FromResult(_gateway.Requests.Any(r => r.Method == "PUT")), "the refresh reminder re-applies the resources");

        var put = Assert.Single(_gateway.Requests, r => r.Method == "PUT");
        Assert.Equal($"/clusters/{Cluster}/apis/monitoring.bk.tencent.com/v1beta1/dataids/{name}", put.Path);
        var body = JsonNode.Parse(put.Body)!;
        Assert.Equal((version, k8sMetricId), (body["metadata"]!["resourceVersion"]!.GetValue<string>(), body["spec"]!["dataID"]!.GetValue<int>()));
        Assert.Equal(k8sMetricId, _gateway.Resources[name]["spec"]!["dataID"]!.GetValue<int>());
        Assert.Equal("Bearer gw-token", put.Authorization);
    }

    private Task<BcsClusterView?> ClusterAsync() => _cluster.GrainFactory.GetGrain<IBcsClusterGrain>(Cluster).GetAsync();

    private void Federation(params (string Sub, string Namespaces)[] subs)
    {
        var subClusters = string.Join(",", subs.Select(s => $$"""{"sub_cluster_id":"{{s.Sub}}","federation_namespaces":{{s.Namespaces}}}"""));
        _gateway.FederationBody =
            $$"""{"code":0,"data":[{"federation_cluster_id":"BCS-K8S-90001","host_cluster_id":"BCS-K8S-40001","sub_clusters":[{{subClusters}}]}]}""";
    }

    private async Task<List<(string, string, string, string, bool)>> PairsAsync() =>
        [.. (await Discovery.FederationAsync())
            .Select(p => (p.FedClusterId, p.HostClusterId, p.SubClusterId, string.Join(",", p.Namespaces), p.IsDeleted))
            .OrderBy(p => p.SubClusterId, StringComparer.Ordinal)];

    // Reminders fire on the silo's own schedule once the fake clock moved; this waits on their effect, bounded.
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"timed out waiting until {what}");
            await Task.Delay(5);
        }
    }
}
