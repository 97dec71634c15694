using System.Text.Json;
using BkMonitor.GrainInterfaces.Routing;
using BkMonitor.Grains.Routing;
using BkMonitor.Runtime;

namespace BkMonitor.UnitTests.Routing;

public sealed class AlarmClusterPlacementTests
{
    private static readonly GrainClassDescriptor AnyClass = new(typeof(object), "strategy", [], (_, _) => throw new NotSupportedException(), false, 0, [], null);

    private static ClusterRoutingRule BizRule(string cluster, string matcherType, string? condition = null) => new()
    {
        TargetType = "biz", ClusterName = cluster, MatcherType = matcherType,
        MatcherConfig = condition is null ? null : JsonDocument.Parse(condition).RootElement.Clone(),
    };

    private static AlarmRoutingTable Table(long version, params ClusterRoutingRule[] rules) => new()
    {
        Version = version, Rules = rules, StrategyBiz = new Dictionary<long, long> { [1] = 2, [2] = 3, [3] = 100 },
    };

    [Theory]
    [InlineData("strategy", "1", "alarm-a")]
    [InlineData("detect", "1", "alarm-a")]
    [InlineData("trigger", "1", "alarm-a")]
    [InlineData("strategy", "2", null)] // biz 3 falls to the implied default rule: any silo
    [InlineData("strategy", "3", "big")]
    [InlineData("strategy", "4", null)] // a strategy whose business is not known yet
    [InlineData("alert", "1.3e06a0b6d0560271cafee9f08a6da2d7", "alarm-a")] // an alert follows its strategy
    [InlineData("alert", "3.3e06a0b6d0560271cafee9f08a6da2d7", "big")]
    [InlineData("alert", "0.3e06a0b6d0560271cafee9f08a6da2d7", null)] // an alert without a strategy goes anywhere
    [InlineData("alert", "3e06a0b6d0560271cafee9f08a6da2d7", null)]
    [InlineData("alert-manager", "1", "alarm-a")] // a strategy's alert manager and watch lists go with its alerts
    [InlineData("alert-watch", "1.4095", "alarm-a")]
    [InlineData("alert-watch", "2.0", null)]
    [InlineData("action", "1", null)]
    [InlineData("strategy", "x1", null)]
    public void Strategy_keyed_and_alert_grains_need_the_role_of_their_business_cluster(string grainType, string key, string? role)
    {
        var placement = new AlarmClusterPlacement();
        placement.Apply(Table(1, BizRule("alarm-a", "condition", """[{"method": "eq", "value": [2]}]"""), BizRule("big", "condition", """[{"method": "gte", "value": [100]}]""")));

        Assert.Equal(role, placement.ResolveRole(new GrainId(grainType, key), AnyClass));
    }

    [Fact]
    public void A_newer_table_raises_rules_changed_and_an_older_or_equal_one_is_ignored()
    {
        var placement = new AlarmClusterPlacement();
        var raised = 0;
        placement.RulesChanged += () => raised++;

        Assert.True(placement.Apply(Table(2, BizRule("alarm-a", "true"))));
        Assert.False(placement.Apply(Table(2, BizRule("alarm-b", "true"))));
        Assert.False(placement.Apply(Table(1, BizRule("alarm-b", "true"))));

        Assert.Equal((1, 2L, "alarm-a"), (raised, placement.Version, placement.RoleOfBiz(42)));
    }

    [Fact]
    public void Only_a_table_that_moves_some_strategy_to_another_silo_group_raises_rules_changed()
    {
        var placement = new AlarmClusterPlacement();
        var raised = 0;
        placement.RulesChanged += () => raised++;
        var routed = BizRule("alarm-a", "condition", """[{"method": "eq", "value": [2]}]""");
        AlarmRoutingTable With(long version, Dictionary<long, long> strategyBiz, params ClusterRoutingRule[] rules) =>
            new() { Version = version, Rules = rules, StrategyBiz = strategyBiz };

        placement.Apply(With(1, new() { [1] = 7 })); // no rule: nobody moves
        placement.Apply(With(2, new() { [1] = 7, [2] = 8 })); // a strategy saved, still no rule
        Assert.Equal(0, raised);

        placement.Apply(With(3, new() { [1] = 7, [2] = 8 }, routed)); // a rule, but for biz 2 only: nobody moves
        placement.Apply(With(4, new() { [1] = 7, [2] = 8, [3] = 9 }, routed)); // a strategy of an unrouted biz
        Assert.Equal(0, raised);

        placement.Apply(With(5, new() { [1] = 7, [2] = 8, [3] = 9, [4] = 2 }, routed)); // a strategy of the routed biz
        placement.Apply(With(6, new() { [1] = 2, [2] = 8, [3] = 9, [4] = 2 }, routed)); // strategy 1 moved to biz 2
        placement.Apply(With(7, new() { [2] = 8, [3] = 9, [4] = 2 }, routed)); // strategy 1 deleted
        Assert.Equal(3, raised);
        placement.Apply(With(8, new() { [2] = 8, [3] = 9, [4] = 2 }, BizRule("alarm-b", "true"))); // rules: everything moves
        Assert.Equal(4, raised);
    }

    [Fact]
    public void Without_any_table_every_grain_may_live_anywhere()
    {
        Assert.Null(new AlarmClusterPlacement().ResolveRole(new GrainId("strategy", "1"), AnyClass));
    }

    [Fact]
    public void The_validator_names_each_bad_field_and_accepts_a_valid_set()
    {
        ClusterRoutingRule[] rules =
        [
            BizRule("alarm-a", "true"),
            new() { TargetType = "host", ClusterName = "a", MatcherType = "true" },
            BizRule("", "true"),
            BizRule("bad name!", "true"),
            BizRule("a", "maybe"),
            BizRule("a", "condition", """{"method": "eq"}"""),
        ];

        var errors = RoutingRulesValidator.Validate(rules);

        Assert.Equal(["rules[1].target_type", "rules[2].cluster_name", "rules[3].cluster_name", "rules[4].matcher_type", "rules[5].matcher_config"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(RoutingRulesValidator.Validate([BizRule("alarm-a", "condition", """[{"method": "eq", "value": [2]}]""")]));
    }
}
