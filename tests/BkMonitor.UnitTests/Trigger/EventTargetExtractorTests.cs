using BkMonitor.Grains.Trigger;

namespace BkMonitor.UnitTests.Trigger;

public sealed class EventTargetExtractorTests
{
    private static EventTarget Extract(Dictionary<string, string> dimensions, params string[] agg) =>
        EventTargetExtractor.Extract(dimensions, new HashSet<string>(agg.Length > 0 ? agg : dimensions.Keys));

    private static string[] TagKeys(EventTarget target) => [.. target.Tags.Select(t => t.Key)];

    [Fact]
    public void Target_ip_with_cloud_id_is_a_host()
    {
        var target = Extract(new() { ["bk_target_ip"] = "127.0.0.1", ["bk_target_cloud_id"] = "0", ["mount"] = "/" });
        Assert.Equal(("HOST", "127.0.0.1|0"), (target.Type, target.Target));
        Assert.Equal(["mount"], TagKeys(target));
    }

    [Fact]
    public void Target_ip_falls_back_to_bk_cloud_id_then_to_the_bare_ip()
    {
        Assert.Equal("10.0.0.1|3", Extract(new() { ["bk_target_ip"] = "10.0.0.1", ["bk_cloud_id"] = "3" }).Target);
        Assert.Equal("10.0.0.1", Extract(new() { ["bk_target_ip"] = "10.0.0.1" }).Target);
    }

    [Fact]
    public void Host_id_takes_precedence_over_ips()
    {
        var target = Extract(new() { ["bk_target_ip"] = "127.0.0.1", ["bk_target_cloud_id"] = "0", ["bk_host_id"] = "42" });
        Assert.Equal(("HOST", "42"), (target.Type, target.Target));
        Assert.Equal(["bk_target_ip", "bk_target_cloud_id"], TagKeys(target));
    }

    [Fact]
    public void Plain_ip_is_a_host()
    {
        var target = Extract(new() { ["ip"] = "10.0.0.1", ["bk_cloud_id"] = "0" });
        Assert.Equal(("HOST", "10.0.0.1|0"), (target.Type, target.Target));
        Assert.Empty(target.Tags);
    }

    [Fact]
    public void Service_instance_is_a_service()
    {
        var target = Extract(new() { ["bk_target_service_instance_id"] = "17", ["port"] = "80" });
        Assert.Equal(("SERVICE", "17"), (target.Type, target.Target));
        Assert.Equal(["port"], TagKeys(target));
    }

    [Fact]
    public void Topo_node_needs_object_and_instance()
    {
        var target = Extract(new() { ["bk_obj_id"] = "module", ["bk_inst_id"] = "5" });
        Assert.Equal(("TOPO", "module|5"), (target.Type, target.Target));
        Assert.Equal(("", null), (Extract(new() { ["bk_obj_id"] = "module" }).Type, Extract(new() { ["bk_obj_id"] = "module" }).Target));
    }

    [Theory]
    [InlineData("pod", "api-0", true, "K8S-POD", "api-0")]
    [InlineData("pod", "api-0", false, "", null)]
    [InlineData("node", "node-1", false, "K8S-NODE", "node-1")]
    [InlineData("service", "api", true, "K8S-SERVICE", "api")]
    [InlineData("service", "api", false, "", null)]
    public void Bcs_cluster_dimensions_name_a_kubernetes_target(string key, string value, bool withNamespace, string type, string? expected)
    {
        var dimensions = new Dictionary<string, string> { ["bcs_cluster_id"] = "BCS-K8S-00001", [key] = value };
        if (withNamespace) dimensions["namespace"] = "default";
        var target = Extract(dimensions);
        Assert.Equal((type, expected), (target.Type, target.Target));
        Assert.Contains(target.Tags, t => t.Key == "bcs_cluster_id"); // Kubernetes dimensions stay as tags
    }

    [Fact]
    public void Workload_target_is_kind_colon_name()
    {
        var target = Extract(new()
        {
            ["bcs_cluster_id"] = "c", ["namespace"] = "ns", ["workload_kind"] = "Deployment", ["workload_name"] = "api",
        });
        Assert.Equal(("K8S-WORKLOAD", "Deployment:api"), (target.Type, target.Target));
    }

    [Fact]
    public void Only_aggregation_dimensions_and_the_nodata_marker_are_kept()
    {
        var target = Extract(new() { ["ip"] = "10.0.0.1", ["noise"] = "x", ["__NO_DATA_DIMENSION__"] = "True" }, "ip");
        Assert.Equal(("HOST", "10.0.0.1"), (target.Type, target.Target));
        Assert.Equal(["__NO_DATA_DIMENSION__"], TagKeys(target));
    }

    [Fact]
    public void Tags_prefix_is_stripped_and_moves_the_key_last()
    {
        var target = Extract(new() { ["tags.region"] = "sh", ["zone"] = "a" });
        Assert.Equal(("", null), (target.Type, target.Target));
        Assert.Equal(["zone", "region"], TagKeys(target));
        Assert.Equal("sh", target.Tags[1].Value);
    }

    [Fact]
    public void Missing_target_ip_gives_an_empty_target()
    {
        var target = Extract(new() { ["mount"] = "/" }, "bk_target_ip", "mount");
        Assert.Equal(("", null), (target.Type, target.Target));
        Assert.Equal(["mount"], TagKeys(target));
    }
}
