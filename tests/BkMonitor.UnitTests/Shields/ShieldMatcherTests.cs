using BkMonitor.GrainInterfaces.Shields;
using BkMonitor.Grains.Alerts;
using BkMonitor.Grains.Shields;
using static BkMonitor.UnitTests.Alerts.AlertTestData;

namespace BkMonitor.UnitTests.Shields;

// The alert: strategy 1, business 2, severity 2, host 127.0.0.1|0, tag device=eth0.
public sealed class ShieldMatcherTests
{
    private static readonly AlertRecord Alert = Machine(out _).Apply(Event(), Now).Changed[0];

    private static ShieldConfig Shield(string category, ShieldDimensionConfig config, long bizId = 2, string? scopeType = null) => new()
    {
        Id = 9,
        BkBizId = bizId,
        Category = category,
        ScopeType = scopeType,
        BeginTime = Now - 3600,
        EndTime = Now + 3600,
        DimensionConfig = config,
    };

    private static bool Matches(ShieldConfig shield, IReadOnlyList<string>? metricIds = null, IReadOnlyList<string>? topo = null)
        => new ShieldMatcher(shield).Matches(Alert.BkBizId, Alert.Id, ShieldAlertDimensions.Of(Alert, metricIds, topo));

    private static ShieldCondition Cond(string key, string method, string condition, params string[] values)
        => new() { Key = key, Method = method, Condition = condition, Value = values };

    [Fact]
    public void Strategy_shield_matches_any_listed_strategy_and_level()
    {
        Assert.True(Matches(Shield(ShieldCategory.Strategy, new() { StrategyIds = [5, 1], Levels = [1, 2] })));
        Assert.False(Matches(Shield(ShieldCategory.Strategy, new() { StrategyIds = [5] })));
        Assert.False(Matches(Shield(ShieldCategory.Strategy, new() { StrategyIds = [1], Levels = [3] })));
    }

    [Fact]
    public void Shield_of_another_business_never_matches()
        => Assert.False(Matches(Shield(ShieldCategory.Strategy, new() { StrategyIds = [1] }, bizId: 3)));

    [Fact]
    public void Dimension_conditions_are_and_groups_split_at_or()
    {
        // (device = eth1 AND ip = 127.0.0.1) OR (device = eth0)
        var conditions = new[]
        {
            Cond("device", "eq", "and", "eth1"),
            Cond("bk_target_ip", "eq", "and", "127.0.0.1"),
            Cond("device", "eq", "or", "eth0", "eth9"),
        };
        Assert.True(Matches(Shield(ShieldCategory.Dimension, new() { DimensionConditions = conditions })));
        Assert.False(Matches(Shield(ShieldCategory.Dimension, new() { DimensionConditions = conditions[..2] })));
    }

    [Theory]
    [InlineData("neq", "eth1", true)]
    [InlineData("neq", "eth0", false)]
    [InlineData("include", "th", true)]
    [InlineData("exclude", "th", false)]
    [InlineData("reg", "^eth\\d$", true)]
    [InlineData("nreg", "^eth\\d$", false)]
    [InlineData("reg", "([", false)]
    public void Condition_methods_compare_the_dimension_value(string method, string value, bool expected)
        => Assert.Equal(expected, Matches(Shield(ShieldCategory.Dimension, new() { DimensionConditions = [Cond("device", method, "and", value)] })));

    [Theory]
    [InlineData("gt", "1", true)]
    [InlineData("gt", "2", false)]
    [InlineData("gte", "2", true)]
    [InlineData("lt", "3", true)]
    [InlineData("lte", "1", false)]
    public void Numeric_condition_methods_compare_as_numbers(string method, string value, bool expected)
        => Assert.Equal(expected, Matches(Shield(ShieldCategory.Dimension, new() { DimensionConditions = [Cond("level", method, "and", value)] })));

    [Fact]
    public void A_key_the_alert_lacks_matches_no_method()
    {
        Assert.False(Matches(Shield(ShieldCategory.Dimension, new() { DimensionConditions = [Cond("pod", "eq", "and", "x")] })));
        Assert.False(Matches(Shield(ShieldCategory.Dimension, new() { DimensionConditions = [Cond("pod", "neq", "and", "x")] })));
    }

    [Fact]
    public void Tag_dimensions_are_reachable_with_and_without_prefix()
    {
        Assert.True(Matches(Shield(ShieldCategory.Dimension, new() { DimensionConditions = [Cond("tags.device", "eq", "and", "eth0")] })));
        Assert.True(Matches(Shield(ShieldCategory.Dimension, new() { DimensionConditions = [Cond("ip", "eq", "and", "127.0.0.1")] })));
    }

    [Fact]
    public void Alert_shield_matches_its_alert_id()
    {
        Assert.True(Matches(Shield(ShieldCategory.Alert, new() { AlertId = Alert.Id })));
        Assert.False(Matches(Shield(ShieldCategory.Alert, new() { AlertId = "17000000009999" })));
    }

    [Fact]
    public void Alert_shield_with_dimensions_also_matches_later_alerts_of_the_same_strategy_and_dimensions()
    {
        var sameDims = new ShieldDimensionConfig { AlertId = "1690000000001", StrategyIds = [1], Dimensions = new Dictionary<string, string> { ["tags.device"] = "eth0" } };
        Assert.True(Matches(Shield(ShieldCategory.Alert, sameDims)));
        Assert.False(Matches(Shield(ShieldCategory.Alert, sameDims with { Dimensions = new Dictionary<string, string> { ["tags.device"] = "eth1" } })));
    }

    [Fact]
    public void Scope_shield_matches_hosts_as_ip_and_cloud()
    {
        var host = new ShieldHostTarget { Ip = "127.0.0.1", CloudId = 0 };
        Assert.True(Matches(Shield(ShieldCategory.Scope, new() { Hosts = [host] }, scopeType: ShieldScopeType.Ip)));
        Assert.False(Matches(Shield(ShieldCategory.Scope, new() { Hosts = [host with { CloudId = 1 }] }, scopeType: ShieldScopeType.Ip)));
    }

    [Fact]
    public void Scope_shield_matches_topo_nodes_and_metrics()
    {
        var node = Shield(ShieldCategory.Scope, new() { TopoNodes = [new() { ObjectId = "set", InstanceId = 5 }] }, scopeType: ShieldScopeType.Node);
        Assert.True(Matches(node, topo: ["biz|2", "set|5", "module|9"]));
        Assert.False(Matches(node, topo: ["set|6"]));
        var metric = Shield(ShieldCategory.Scope, new() { MetricIds = ["bk_monitor.system.cpu_summary.usage"] }, scopeType: ShieldScopeType.Biz);
        Assert.True(Matches(metric, metricIds: ["bk_monitor.system.cpu_summary.usage"]));
        Assert.False(Matches(metric, metricIds: []));
    }

    [Fact]
    public void Business_wide_scope_or_single_business_node_matches_everything_of_the_business()
    {
        Assert.True(Matches(Shield(ShieldCategory.Scope, new(), scopeType: ShieldScopeType.Biz)));
        Assert.True(Matches(Shield(ShieldCategory.Strategy, new() { StrategyIds = [1], TopoNodes = [new() { ObjectId = "biz", InstanceId = 2 }] })));
    }

    [Fact]
    public void Shielding_needs_the_shield_enabled_and_active_now()
    {
        var shield = Shield(ShieldCategory.Strategy, new() { StrategyIds = [1] });
        var dims = ShieldAlertDimensions.Of(Alert);
        Assert.True(new ShieldMatcher(shield).IsShielding(Alert, dims, DateTimeOffset.FromUnixTimeSeconds(Now), TimeZoneInfo.Utc));
        Assert.False(new ShieldMatcher(shield with { IsEnabled = false }).IsShielding(Alert, dims, DateTimeOffset.FromUnixTimeSeconds(Now), TimeZoneInfo.Utc));
        Assert.False(new ShieldMatcher(shield).IsShielding(Alert, dims, DateTimeOffset.FromUnixTimeSeconds(Now + 3601), TimeZoneInfo.Utc));
    }
}
