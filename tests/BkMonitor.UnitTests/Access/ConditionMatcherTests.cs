using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Access;

namespace BkMonitor.UnitTests.Access;

public sealed class ConditionMatcherTests
{
    private static bool Matches(string method, string? value, params string[] values) =>
        new DimensionCondition("k", method, values).IsMatch(value);

    [Theory]
    [InlineData("eq", "eth0", new[] { "eth1", "eth0" }, true)]
    [InlineData("eq", "eth0", new[] { "eth1" }, false)]
    [InlineData("eq", " eth0 ", new[] { "eth0 " }, true)]
    [InlineData("neq", "eth0", new[] { "eth1", "eth2" }, true)]
    [InlineData("neq", "eth0", new[] { "eth1", "eth0" }, false)]
    [InlineData("include", "/data/log/app", new[] { "tmp", "log" }, true)]
    [InlineData("include", "/data/app", new[] { "tmp", "log" }, false)]
    [InlineData("exclude", "/data/log/app", new[] { "tmp", "log" }, false)]
    [InlineData("exclude", "/data/app", new[] { "tmp", "log" }, true)]
    [InlineData("gt", "10", new[] { "5" }, true)]
    [InlineData("gt", "10", new[] { "10" }, false)]
    [InlineData("gt", "10", new[] { "5", "20" }, false)]
    [InlineData("gte", "10", new[] { "10" }, true)]
    [InlineData("gte", "9.5", new[] { "10" }, false)]
    [InlineData("lt", "3", new[] { "5", "4" }, true)]
    [InlineData("lt", "4.5", new[] { "5", "4" }, false)]
    [InlineData("lte", "10", new[] { "10" }, true)]
    [InlineData("lte", "11", new[] { "10" }, false)]
    [InlineData("gt", " 1e3 ", new[] { "999" }, true)]
    [InlineData("reg", "eth0", new[] { @"^eth\d+$" }, true)]
    [InlineData("reg", "eth0", new[] { "th" }, true)]
    [InlineData("reg", "lo", new[] { @"^eth\d+$" }, false)]
    [InlineData("nreg", "lo", new[] { @"^eth\d+$" }, true)]
    [InlineData("nreg", "eth1", new[] { "^eth" }, false)]
    [InlineData("reg", "web-01", new[] { @"(?P<role>web)-(?P=role)?\d+" }, true)]
    [InlineData("unknown", "eth0", new[] { "eth0" }, true)]
    public void Condition_method_follows_bk_monitor(string method, string value, string[] values, bool expected)
    {
        Assert.Equal(expected, Matches(method, value, values));
    }

    [Theory]
    [InlineData("gt", false)]
    [InlineData("gte", true)]
    [InlineData("lt", false)]
    [InlineData("lte", true)]
    public void Non_numeric_value_compares_as_nan(string method, bool expected)
    {
        Assert.Equal(expected, Matches(method, "abc", "5"));
    }

    [Fact]
    public void Nan_threshold_counts_only_when_first_like_python_max()
    {
        Assert.False(Matches("gt", "10", "abc", "5"));
        Assert.True(Matches("gt", "10", "5", "abc"));
    }

    [Fact]
    public void Invalid_pattern_fails_reg_where_python_stops()
    {
        Assert.True(Matches("reg", "eth0", "eth", "("));
        Assert.False(Matches("reg", "eth0", "(", "eth"));
        Assert.True(Matches("nreg", "eth0", "(", "eth"));
    }

    [Fact]
    public void None_dimension_value_compares_as_the_string_None()
    {
        Assert.True(Matches("eq", null, "None"));
        Assert.False(Matches("gt", null, "0"));
    }

    [Fact]
    public void Missing_dimension_matches_by_default()
    {
        var conditions = new[] { new AggCondition { Key = "device", Method = "eq", Value = ["eth0"] } };

        Assert.True(ConditionMatcher.FromAggConditions(conditions).IsMatch(Dims.Of(("host", "a"))));
        Assert.False(ConditionMatcher.FromAggConditions(conditions, matchWhenMissing: false).IsMatch(Dims.Of(("host", "a"))));
    }

    [Fact]
    public void Or_starts_a_new_and_group()
    {
        // a = 1 OR (b = 2 AND c = 3)
        var matcher = ConditionMatcher.FromAggConditions(
        [
            new AggCondition { Key = "a", Method = "eq", Value = ["1"] },
            new AggCondition { Key = "b", Method = "eq", Value = ["2"], Condition = "or" },
            new AggCondition { Key = "c", Method = "eq", Value = ["3"], Condition = "and" },
        ]);

        Assert.True(matcher.IsMatch(Dims.Of(("a", "1"), ("b", "0"), ("c", "0"))));
        Assert.True(matcher.IsMatch(Dims.Of(("a", "0"), ("b", "2"), ("c", "3"))));
        Assert.False(matcher.IsMatch(Dims.Of(("a", "0"), ("b", "2"), ("c", "0"))));
    }

    [Fact]
    public void First_conditions_connector_is_ignored()
    {
        // An "or" on the first condition would otherwise open an empty (always true) group.
        var matcher = ConditionMatcher.FromAggConditions(
        [
            new AggCondition { Key = "a", Method = "eq", Value = ["1"], Condition = "or" },
            new AggCondition { Key = "b", Method = "eq", Value = ["2"], Condition = "AND" },
        ]);

        Assert.False(matcher.IsMatch(Dims.Of(("a", "1"), ("b", "0"))));
        Assert.True(matcher.IsMatch(Dims.Of(("a", "1"), ("b", "2"))));
    }

    [Fact]
    public void Condition_without_values_is_dropped()
    {
        var matcher = ConditionMatcher.FromAggConditions([new AggCondition { Key = "a", Method = "eq", Value = [] }]);

        Assert.True(matcher.IsMatch(Dims.Of(("a", "anything"))));
    }

    [Fact]
    public void Empty_matcher_matches_everything()
    {
        Assert.True(ConditionMatcher.MatchAll.IsMatch(Dims.Of()));
        Assert.True(ConditionMatcher.FromAggConditions([]).IsEmpty);
    }

    [Fact]
    public void Unknown_connector_is_rejected_with_its_position()
    {
        var error = Assert.Throws<ArgumentException>(() => ConditionMatcher.FromAggConditions(
        [
            new AggCondition { Key = "a", Method = "eq", Value = ["1"] },
            new AggCondition { Key = "b", Method = "eq", Value = ["2"], Condition = "xor" },
        ]));

        Assert.Contains("agg_condition[1].condition", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Groups_can_be_built_directly_for_shields_and_routing()
    {
        var matcher = new ConditionMatcher(
            [[new DimensionCondition("bk_biz_id", "eq", ["2", "3"])], [new DimensionCondition("bk_biz_id", "gt", ["100"])]],
            matchWhenMissing: false);

        Assert.True(matcher.IsMatch(Dims.Of(("bk_biz_id", "3"))));
        Assert.True(matcher.IsMatch(Dims.Of(("bk_biz_id", "101"))));
        Assert.False(matcher.IsMatch(Dims.Of(("bk_biz_id", "50"))));
        Assert.False(matcher.IsMatch(Dims.Of()));
    }
}
