using System.Text.Json;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Nodata;

namespace BkMonitor.UnitTests.Nodata;

public sealed class NoDataTargetInstancesTests
{
    private static StrategyItem Item(string target) =>
        JsonSerializer.Deserialize<StrategyItem>($$"""{"id": 1, "name": "cpu", "target": {{target}}}""")!;

    private static Dictionary<string, string> Host(string ip, string cloud) => new() { ["bk_target_ip"] = ip, ["bk_target_cloud_id"] = cloud };

    [Fact]
    public void No_target_leaves_the_history_to_decide()
        => Assert.Null(NoDataTargetInstances.Of(Item("[]")));

    [Fact]
    public void An_explicit_host_list_gives_one_instance_per_host_across_groups()
    {
        var instances = NoDataTargetInstances.Of(Item("""
            [[{"field": "ip", "method": "eq", "value": [{"ip": "10.0.0.1", "bk_cloud_id": 0}, {"bk_target_ip": "10.0.0.2", "bk_target_cloud_id": 3}]}],
             [{"field": "bk_target_ip", "method": "eq", "value": [{"bk_target_ip": "10.0.0.1", "bk_target_cloud_id": 0}, {"bk_target_ip": "10.0.0.4"}, {"ip": ""}]}]]
            """));
        Assert.Equal([Host("10.0.0.1", "0"), Host("10.0.0.2", "3"), Host("10.0.0.4", "0")], instances!);
    }

    [Theory]
    [InlineData("""[[{"field": "host_topo_node", "method": "eq", "value": [{"bk_obj_id": "set", "bk_inst_id": 2}]}]]""")]
    [InlineData("""[[{"field": "ip", "method": "neq", "value": [{"ip": "10.0.0.1"}]}]]""")]
    [InlineData("""[[{"field": "ip", "method": "eq", "value": [{"ip": "10.0.0.1"}]}, {"field": "ip", "method": "eq", "value": [{"ip": "10.0.0.2"}]}]]""")]
    public void Targets_that_cannot_be_enumerated_leave_the_history_to_decide(string target)
        => Assert.Null(NoDataTargetInstances.Of(Item(target)));
}
