using System.Text.Json;
using BkMonitor.GrainInterfaces.Routing;
using BkMonitor.Grains.Routing;

namespace BkMonitor.UnitTests.Routing;

public class AlarmClusterRoutingTests
{
    private static ClusterRoutingRule Rule(string type, string cluster, string matcher, string? config = null) => new()
    {
        TargetType = type,
        ClusterName = cluster,
        MatcherType = matcher,
        MatcherConfig = config is null ? null : JsonDocument.Parse(config).RootElement.Clone(),
    };

    private static readonly ClusterRoutingRule[] BigBizRules =
    [
        Rule("biz", "big", "condition", """[{"method": "eq", "value": [100, 101]}]"""),
        Rule("biz", "gray", "condition", """[{"method": "gte", "value": [5000]}]"""),
    ];

    [Theory]
    [InlineData("big", 100, true)]
    [InlineData("big", 2, false)]
    [InlineData("gray", 6000, true)]
    [InlineData("gray", 100, false)]
    [InlineData("default", 2, true)]
    [InlineData("default", 100, false)]
    [InlineData("default", 6000, false)]
    public void Businesses_belong_to_the_first_matching_rule_or_default(string cluster, long biz, bool owned)
    {
        var routing = new AlarmClusterRouting(cluster, BigBizRules);
        Assert.Equal(owned, routing.Owns(RoutingTargetType.Biz, biz));
    }

    [Fact]
    public void A_cluster_without_rules_of_its_own_owns_nothing()
    {
        var routing = new AlarmClusterRouting("spare", BigBizRules);
        Assert.Empty(routing.Filter(RoutingTargetType.Biz, [2, 100, 6000]));
    }

    [Fact]
    public void The_owner_of_each_business_is_reported()
    {
        var routing = new AlarmClusterRouting("default", BigBizRules);
        Assert.Equal(["big", "gray", "default"], new long[] { 101, 5000, 3 }.Select(b => routing.OwnerOf(RoutingTargetType.Biz, b)));
    }

    [Fact]
    public void A_final_catch_all_rule_replaces_the_implied_default()
    {
        var rules = new[] { Rule("biz", "big", "condition", """[{"method": "eq", "value": [100]}]"""), Rule("biz", "main", "true") };
        Assert.True(new AlarmClusterRouting("main", rules).Owns(RoutingTargetType.Biz, 2));
        Assert.False(new AlarmClusterRouting("default", rules).Owns(RoutingTargetType.Biz, 2));
    }

    [Fact]
    public void A_false_matcher_never_claims_a_target()
    {
        var routing = new AlarmClusterRouting("paused", [Rule("biz", "paused", "false")]);
        Assert.False(routing.Owns(RoutingTargetType.Biz, 2));
        Assert.Equal("default", routing.OwnerOf(RoutingTargetType.Biz, 2));
    }

    [Fact]
    public void Alert_data_id_rules_have_no_implied_default()
    {
        var rules = new[] { Rule("alert_data_id", "fta", "condition", """[{"method": "eq", "value": [1100000]}]""") };
        Assert.True(new AlarmClusterRouting("fta", rules).Owns(RoutingTargetType.AlertDataId, 1100000));
        Assert.False(new AlarmClusterRouting("fta", rules).Owns(RoutingTargetType.AlertDataId, 1500000));
        Assert.False(new AlarmClusterRouting("default", rules).Owns(RoutingTargetType.AlertDataId, 1500000));
        Assert.Null(new AlarmClusterRouting("default", rules).OwnerOf(RoutingTargetType.AlertDataId, 1500000));
    }

    [Fact]
    public void Cluster_names_are_lower_cased()
    {
        var routing = new AlarmClusterRouting("Big", [Rule("BIZ", "BIG", "true")]);
        Assert.Equal("big", routing.ClusterName);
        Assert.True(routing.Owns(RoutingTargetType.Biz, 1));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("")]
    [InlineData("dot.name")]
    public void Invalid_cluster_names_are_rejected(string name) =>
        Assert.Throws<ArgumentException>(() => new AlarmClusterRouting(name, []));

    [Fact]
    public void A_name_of_65_characters_is_rejected() =>
        Assert.Throws<ArgumentException>(() => AlarmClusterRouting.NormalizeName(new string('a', 65)));

    [Fact]
    public void Bad_rules_are_rejected_with_their_position()
    {
        var error = Assert.Throws<ArgumentException>(() => new AlarmClusterRouting("a", [Rule("biz", "a", "true"), Rule("host", "a", "true")]));
        Assert.Contains("routing_rules[1].target_type", error.Message);

        error = Assert.Throws<ArgumentException>(() => new AlarmClusterRouting("a", [Rule("biz", "a", "regex")]));
        Assert.Contains("routing_rules[0].matcher_type", error.Message);

        error = Assert.Throws<ArgumentException>(() => new AlarmClusterRouting("a", [Rule("biz", "a", "condition")]));
        Assert.Contains("routing_rules[0].matcher_config", error.Message);

        error = Assert.Throws<ArgumentException>(() => new AlarmClusterRouting("a", [Rule("biz", "a", "condition", """[{"method": "like", "value": [1]}]""")]));
        Assert.Contains("routing_rules[0].matcher_config[0].method", error.Message);
    }

    [Fact]
    public void Rules_load_from_bk_monitor_style_json()
    {
        const string json = """
            [{"target_type": "biz", "cluster_name": "big", "matcher_type": "condition",
              "matcher_config": [{"method": "eq", "value": [100]}], "description": "large business"}]
            """;
        var rules = JsonSerializer.Deserialize<ClusterRoutingRule[]>(json)!;
        Assert.Equal("large business", rules[0].Description);
        Assert.True(new AlarmClusterRouting("big", rules).Owns(RoutingTargetType.Biz, 100));
    }
}
