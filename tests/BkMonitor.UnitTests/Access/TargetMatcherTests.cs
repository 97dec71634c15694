using System.Text.Json;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Access;

namespace BkMonitor.UnitTests.Access;

public sealed class TargetMatcherTests
{
    private static TargetCondition Condition(string field, string method, string valuesJson) => new()
    {
        Field = field,
        Method = method,
        Value = JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(valuesJson)!,
    };

    private static TargetMatcher Matcher(IHostTopology? topology = null, params TargetCondition[][] groups) =>
        TargetMatcher.Create(groups, topology)!;

    [Fact]
    public void Host_target_matches_ip_and_cloud_id()
    {
        var matcher = Matcher(null, [Condition("bk_target_ip", "eq", """[{"bk_target_ip": "127.0.0.1", "bk_target_cloud_id": 0}]""")]);

        Assert.True(matcher.IsMatch(Dims.Of(("bk_target_ip", "127.0.0.1"), ("bk_target_cloud_id", "0"))));
        Assert.False(matcher.IsMatch(Dims.Of(("bk_target_ip", "127.0.0.1"), ("bk_target_cloud_id", "1"))));
        Assert.False(matcher.IsMatch(Dims.Of(("bk_target_ip", "127.0.0.2"), ("bk_target_cloud_id", "0"))));
    }

    [Fact]
    public void Missing_cloud_id_means_cloud_zero_on_both_sides()
    {
        var matcher = Matcher(null, [Condition("ip", "eq", """[{"ip": "10.0.0.1"}]""")]);

        Assert.True(matcher.IsMatch(Dims.Of(("bk_target_ip", "10.0.0.1"))));
        Assert.True(matcher.IsMatch(Dims.Of(("ip", "10.0.0.1"), ("bk_cloud_id", "0"))));
    }

    [Fact]
    public void Host_target_matches_by_host_id()
    {
        var matcher = Matcher(null, [Condition("bk_target_ip", "eq", """[{"bk_host_id": 42}]""")]);

        Assert.True(matcher.IsMatch(Dims.Of(("bk_host_id", "42"), ("bk_target_ip", "10.0.0.9"))));
        Assert.False(matcher.IsMatch(Dims.Of(("bk_host_id", "43"))));
    }

    [Fact]
    public void Neq_host_target_excludes_the_hosts()
    {
        var matcher = Matcher(null, [Condition("bk_target_ip", "neq", """[{"bk_target_ip": "127.0.0.1", "bk_target_cloud_id": "0"}]""")]);

        Assert.False(matcher.IsMatch(Dims.Of(("bk_target_ip", "127.0.0.1"), ("bk_target_cloud_id", "0"))));
        Assert.True(matcher.IsMatch(Dims.Of(("bk_target_ip", "127.0.0.2"), ("bk_target_cloud_id", "0"))));
    }

    [Fact]
    public void Data_without_host_keys_passes_a_host_condition()
    {
        var matcher = Matcher(null, [Condition("bk_target_ip", "eq", """[{"bk_target_ip": "127.0.0.1"}]""")]);

        Assert.True(matcher.IsMatch(Dims.Of(("device", "eth0"))));
        Assert.True(matcher.IsMatch(Dims.Of(("bk_target_ip", ""))));
    }

    [Fact]
    public void Service_instance_target_matches_the_instance_id()
    {
        var matcher = Matcher(null, [Condition("service_instance_id", "eq", """[{"bk_target_service_instance_id": 7}]""")]);

        Assert.True(matcher.IsMatch(Dims.Of(("bk_target_service_instance_id", "7"))));
        Assert.False(matcher.IsMatch(Dims.Of(("bk_target_service_instance_id", "8"))));
        Assert.True(matcher.IsMatch(Dims.Of(("bk_target_ip", "1.1.1.1"))));
    }

    [Fact]
    public void Topo_target_matches_the_hosts_nodes_from_the_topology()
    {
        var topology = new FakeTopology { Nodes = ["biz|2", "set|5", "module|9"] };
        var matcher = Matcher(topology, [Condition("host_topo_node", "eq", """[{"bk_obj_id": "set", "bk_inst_id": 5}]""")]);

        Assert.True(matcher.IsMatch(Dims.Of(("bk_target_ip", "127.0.0.1"))));
        topology.Nodes = ["biz|2", "set|6"];
        Assert.False(matcher.IsMatch(Dims.Of(("bk_target_ip", "127.0.0.1"))));
    }

    [Fact]
    public void Topo_target_uses_node_dimensions_when_the_topology_does_not_know()
    {
        var matcher = Matcher(new FakeTopology(), [Condition("host_topo_node", "eq", """[{"bk_obj_id": "module", "bk_inst_id": 9}]""")]);

        Assert.True(matcher.IsMatch(Dims.Of(("bk_obj_id", "module"), ("bk_inst_id", "9"))));
    }

    [Fact]
    public void Data_outside_the_topology_fails_a_topo_target()
    {
        var matcher = Matcher(null, [Condition("host_topo_node", "neq", """[{"bk_obj_id": "set", "bk_inst_id": 5}]""")]);

        Assert.False(matcher.IsMatch(Dims.Of(("bk_target_ip", "127.0.0.1"))));
    }

    [Fact]
    public void Dynamic_group_resolves_to_host_ids()
    {
        var topology = new FakeTopology { Groups = { ["g1"] = ["42", "43"] } };
        var matcher = Matcher(topology, [Condition("dynamic_group", "eq", """[{"dynamic_group_id": "g1"}]""")]);

        Assert.True(matcher.IsMatch(Dims.Of(("bk_host_id", "43"))));
        Assert.False(matcher.IsMatch(Dims.Of(("bk_host_id", "44"))));
    }

    [Fact]
    public void Any_or_group_may_match()
    {
        var matcher = Matcher(null,
            [Condition("bk_target_ip", "eq", """[{"bk_target_ip": "10.0.0.1"}]""")],
            [Condition("bk_target_ip", "eq", """[{"bk_target_ip": "10.0.0.2"}]""")]);

        Assert.True(matcher.IsMatch(Dims.Of(("bk_target_ip", "10.0.0.2"))));
        Assert.False(matcher.IsMatch(Dims.Of(("bk_target_ip", "10.0.0.3"))));
    }

    [Fact]
    public void Target_whose_values_resolve_to_nothing_matches_nothing()
    {
        var matcher = Matcher(null, [Condition("dynamic_group", "eq", """[{"dynamic_group_id": "unknown"}]""")]);

        Assert.False(matcher.IsMatch(Dims.Of(("bk_host_id", "1"))));
    }

    [Fact]
    public void Empty_target_means_no_range()
    {
        Assert.Null(TargetMatcher.Create([], null));
        Assert.Null(TargetMatcher.Create([[]], null));
    }

    private sealed class FakeTopology : IHostTopology
    {
        public IReadOnlyCollection<string> Nodes { get; set; } = [];

        public Dictionary<string, IReadOnlyCollection<string>> Groups { get; } = [];

        public IReadOnlyCollection<string> TopoNodes(IReadOnlyDictionary<string, string?> dimensions) => Nodes;

        public IReadOnlyCollection<string> DynamicGroupHosts(string dynamicGroupId) =>
            Groups.TryGetValue(dynamicGroupId, out var hosts) ? hosts : [];
    }
}
