using System.Text.Json.Nodes;
using BkMonitor.Grains.Bcs;

namespace BkMonitor.UnitTests.Bcs;

public class DataIdResourceBuilderTests
{
    private static readonly BcsClusterState Cluster = BcsTestClusters.Registered();

    [Fact]
    public void The_k8s_metric_resource_matches_bk_monitor_make_config()
    {
        var json = DataIdResourceBuilder.Build(Cluster, BcsDataSourceSpec.Of(BcsDataSourceKind.K8sMetric), isFederated: false, BcsReplaceConfig.Empty)
            .ToJsonString();
        Assert.Equal(
            """{"apiVersion":"monitoring.bk.tencent.com/v1beta1","kind":"DataID","metadata":{"name":"prod-k8smetricdataid","labels":{"usage":"metric","isCommon":"true","isSystem":"true","bk_env":"prod"}},"spec":{"dataID":1500000,"labels":{"bcs_cluster_id":"BCS-K8S-00001","bk_biz_id":"2"},"metricReplace":{},"dimensionReplace":{}}}""",
            json);
    }

    [Fact]
    public void A_federation_proxy_custom_metric_resource_has_the_fed_suffix_and_is_not_common()
    {
        var json = DataIdResourceBuilder.Build(Cluster, BcsDataSourceSpec.Of(BcsDataSourceKind.CustomMetric), isFederated: true, BcsReplaceConfig.Empty)
            .ToJsonString();
        Assert.Equal(
            """{"apiVersion":"monitoring.bk.tencent.com/v1beta1","kind":"DataID","metadata":{"name":"prod-custommetricdataid-bcs-k8s-00001-fed","labels":{"usage":"metric","isCommon":"false","isSystem":"false","bk_env":"prod"}},"spec":{"dataID":1500001,"labels":{"bcs_cluster_id":"BCS-K8S-00001","bk_biz_id":"2"},"metricReplace":{},"dimensionReplace":{}}}""",
            json);
    }

    [Fact]
    public void Without_bk_env_the_name_has_no_prefix_and_no_label()
    {
        var cluster = Cluster with { BkEnv = "" };
        var json = DataIdResourceBuilder.Build(cluster, BcsDataSourceSpec.Of(BcsDataSourceKind.SystemLog), false, BcsReplaceConfig.Empty);
        Assert.Equal("systemlogdataid", json["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("""{"usage":"log","isCommon":"true","isSystem":"true"}""", json["metadata"]!["labels"]!.ToJsonString());
        Assert.Equal(1500004, json["spec"]!["dataID"]!.GetValue<int>());
    }

    [Fact]
    public void Replace_rules_merge_with_cluster_rules_winning()
    {
        var common = new BcsReplaceConfig(new Dictionary<string, string> { ["a"] = "x", ["b"] = "y" }, new Dictionary<string, string> { ["pod"] = "pod_name" });
        var cluster = new BcsReplaceConfig(new Dictionary<string, string> { ["b"] = "z" }, new Dictionary<string, string>());
        var spec = DataIdResourceBuilder.Build(Cluster, BcsDataSourceSpec.Of(BcsDataSourceKind.K8sEvent), false, BcsReplaceConfig.Merge(common, cluster))["spec"]!;

        Assert.Equal("""{"a":"x","b":"z"}""", spec["metricReplace"]!.ToJsonString());
        Assert.Equal("""{"pod":"pod_name"}""", spec["dimensionReplace"]!.ToJsonString());
    }

    [Fact]
    public void A_federation_proxy_only_deploys_the_custom_metric_resource()
    {
        Assert.Equal([BcsDataSourceKind.CustomMetric], DataIdResourceBuilder.SpecsToDeploy(isFederated: true).Select(s => s.Kind));
        Assert.Equal(6, DataIdResourceBuilder.SpecsToDeploy(isFederated: false).Count);
    }

    [Fact]
    public void Rest_paths_address_the_cluster_scoped_dataids_collection()
    {
        Assert.Equal("/apis/monitoring.bk.tencent.com/v1beta1/dataids/prod-k8smetricdataid", DataIdResourcePaths.Get("prod-k8smetricdataid"));
        Assert.Equal("/apis/monitoring.bk.tencent.com/v1beta1/dataids", DataIdResourcePaths.Create);
        Assert.Equal("/apis/monitoring.bk.tencent.com/v1beta1/dataids/prod-k8smetricdataid", DataIdResourcePaths.Replace("prod-k8smetricdataid"));
        Assert.Equal("https://bcs-api.example.com:443/clusters/BCS-K8S-00001", DataIdResourcePaths.ApiServer(Cluster, "https"));
        Assert.Equal(("authorization", "Bearer gw-token"), DataIdResourcePaths.AuthorizationHeader(Cluster));
    }

    [Fact]
    public void The_replace_body_carries_the_existing_resource_version()
    {
        var desired = DataIdResourceBuilder.Build(Cluster, BcsDataSourceSpec.Of(BcsDataSourceKind.K8sMetric), false, BcsReplaceConfig.Empty);
        var existing = JsonNode.Parse("""{"metadata":{"name":"prod-k8smetricdataid","resourceVersion":"8812"},"spec":{"dataID":1}}""")!;

        var body = DataIdResourceBuilder.ReplaceBody(desired, existing);

        Assert.Equal("8812", body["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(1500000, body["spec"]!["dataID"]!.GetValue<int>());
        Assert.Null(desired["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public void A_replace_without_a_resource_version_is_refused()
    {
        var desired = DataIdResourceBuilder.Build(Cluster, BcsDataSourceSpec.Of(BcsDataSourceKind.K8sMetric), false, BcsReplaceConfig.Empty);
        var error = Assert.Throws<ArgumentException>(() => DataIdResourceBuilder.ReplaceBody(desired, JsonNode.Parse("""{"metadata":{}}""")!));
        Assert.Contains("resourceVersion", error.Message);
    }

    [Fact]
    public void An_existing_resource_with_extra_fields_is_up_to_date_but_a_changed_data_id_is_not()
    {
        var desired = DataIdResourceBuilder.Build(Cluster, BcsDataSourceSpec.Of(BcsDataSourceKind.K8sMetric), false, BcsReplaceConfig.Empty);
        var existing = (JsonObject)desired.DeepClone();
        existing["metadata"]!["resourceVersion"] = "1";
        existing["status"] = new JsonObject { ["ok"] = true };
        Assert.True(DataIdResourceBuilder.IsUpToDate(desired, existing));

        existing["spec"]!["dataID"] = 42;
        Assert.False(DataIdResourceBuilder.IsUpToDate(desired, existing));
        Assert.False(DataIdResourceBuilder.IsUpToDate(desired, null));
    }
}
