using System.Text.Json;
using BkMonitor.Grains.Routing;

namespace BkMonitor.UnitTests.Routing;

public class RoutingConditionMatcherTests
{
    private static bool Matches(string config, long target) =>
        RoutingConditionMatcher.Compile(JsonDocument.Parse(config).RootElement.Clone(), "c").Matches(target);

    [Theory]
    [InlineData("""[{"method": "eq", "value": [2, 3]}]""", 3, true)]
    [InlineData("""[{"method": "eq", "value": ["3 "]}]""", 3, true)]
    [InlineData("""[{"method": "eq", "value": [3.0]}]""", 3, false)]
    [InlineData("""[{"method": "neq", "value": [2, 3]}]""", 4, true)]
    [InlineData("""[{"value": [4]}]""", 4, true)]
    [InlineData("""[{"method": "gt", "value": [10]}]""", 11, true)]
    [InlineData("""[{"method": "gt", "value": [10, 20]}]""", 15, false)]
    [InlineData("""[{"method": "gte", "value": [10]}]""", 10, true)]
    [InlineData("""[{"method": "lt", "value": [10, 20]}]""", 15, false)]
    [InlineData("""[{"method": "lte", "value": ["10"]}]""", 10, true)]
    [InlineData("""[{"method": "include", "value": ["00"]}]""", 1001, true)]
    [InlineData("""[{"method": "exclude", "value": ["00"]}]""", 1001, false)]
    [InlineData("""[{"method": "reg", "value": ["^1\\d{2}$"]}]""", 150, true)]
    [InlineData("""[{"method": "nreg", "value": ["^1\\d{2}$"]}]""", 1500, true)]
    public void Single_conditions_follow_agg_condition_semantics(string config, long target, bool expected) =>
        Assert.Equal(expected, Matches(config, target));

    [Theory]
    [InlineData(150, true)]
    [InlineData(250, false)]
    [InlineData(5, true)]
    public void An_or_condition_starts_a_new_group(long target, bool expected) =>
        Assert.Equal(expected, Matches(
            """[{"method": "gte", "value": [100]}, {"method": "lt", "value": [200], "condition": "and"}, {"method": "eq", "value": [5], "condition": "or"}]""",
            target));

    [Fact]
    public void The_first_items_condition_is_ignored() =>
        Assert.True(Matches("""[{"method": "eq", "value": [5], "condition": "or"}, {"method": "gt", "value": [1]}]""", 5));

    [Theory]
    [InlineData("""[{"method": "eq", "value": 0}]""")]
    [InlineData("""[{"method": "eq", "value": []}]""")]
    [InlineData("""[{"method": "eq", "value": ""}]""")]
    [InlineData("""[{"method": "eq", "value": null}]""")]
    [InlineData("""[{"method": "eq"}]""")]
    [InlineData("""[]""")]
    public void Falsy_values_drop_the_condition_so_everything_matches(string config) =>
        Assert.True(Matches(config, 12345));

    [Fact]
    public void A_zero_inside_a_list_is_a_real_value() =>
        Assert.False(Matches("""[{"method": "eq", "value": [0]}]""", 12345));

    [Fact]
    public void An_unparsable_bound_makes_gt_false_and_lte_true()
    {
        Assert.False(Matches("""[{"method": "gt", "value": ["abc"]}]""", 5));
        Assert.True(Matches("""[{"method": "lte", "value": ["abc"]}]""", 5));
    }

    [Fact]
    public void Pythons_max_keeps_a_leading_nan_but_skips_a_later_one()
    {
        Assert.False(Matches("""[{"method": "gt", "value": ["x", 1]}]""", 5));
        Assert.True(Matches("""[{"method": "gt", "value": [1, "x"]}]""", 5));
    }

    [Fact]
    public void An_invalid_pattern_stops_reg_with_no_match()
    {
        Assert.False(Matches("""[{"method": "reg", "value": ["(", "5"]}]""", 5));
        Assert.True(Matches("""[{"method": "reg", "value": ["5", "("]}]""", 5));
    }
}
