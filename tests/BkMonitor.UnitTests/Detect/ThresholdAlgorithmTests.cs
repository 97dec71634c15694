namespace BkMonitor.UnitTests.Detect;

public sealed class ThresholdAlgorithmTests
{
    private readonly DetectFixture _fixture = new();

    [Theory]
    [InlineData("gt", 90.0, false)]
    [InlineData("gt", 90.000001, true)]
    [InlineData("gte", 90.0, true)]
    [InlineData("gte", 89.999999, false)]
    [InlineData("lt", 90.0, false)]
    [InlineData("lte", 90.0, true)]
    [InlineData("eq", 90.0, true)]
    [InlineData("eq", 90.000001, false)]
    [InlineData("neq", 90.0, false)]
    [InlineData("neq", 91.0, true)]
    public void Each_method_flags_exactly_at_its_edge(string method, double value, bool anomalous)
    {
        var algorithm = _fixture.Create("Threshold", $$"""[[{"threshold": 90, "method": "{{method}}"}]]""");
        Assert.Equal(anomalous, _fixture.Detect(algorithm, value) is not null);
    }

    [Fact]
    public void Value_is_rounded_to_6_decimals_before_comparing()
    {
        var algorithm = new DetectFixture { Unit = "percent" }.Create("Threshold", """[[{"threshold": 90, "method": "gte"}]]""");
        // 89.9999996 rounds to 90.0 for a unit with a suffix ladder.
        Assert.NotNull(new DetectFixture().Detect(algorithm, 89.9999996));
    }

    [Fact]
    public void Threshold_gt_flags_value_above_limit_with_bk_monitor_message()
    {
        var algorithm = _fixture.Create("Threshold", """[[{"threshold": 90, "method": "gte"}]]""");
        Assert.Equal(" >= 90.0", _fixture.Detect(algorithm, 95)!.Message);
    }

    [Fact]
    public void Groups_are_or_ed_and_conditions_and_ed()
    {
        var algorithm = _fixture.Create("Threshold",
            """[[{"threshold": 10, "method": "gte"}, {"threshold": 20, "method": "lte"}], [{"threshold": 100, "method": "gt"}]]""");
        Assert.Equal(" >= 10.0且 <= 20.0", _fixture.Detect(algorithm, 15)!.Message);
        Assert.Null(_fixture.Detect(algorithm, 50));
        Assert.Equal(" > 100.0", _fixture.Detect(algorithm, 101)!.Message);
    }

    [Fact]
    public void Threshold_is_read_in_the_unit_prefix()
    {
        var fixture = new DetectFixture { Unit = "bytes", UnitPrefix = "Ki" };
        var algorithm = fixture.Create("Threshold", """[[{"threshold": 1, "method": "gte"}]]""");
        Assert.Null(fixture.Detect(algorithm, 1023));
        Assert.Equal(" >= 1.0KiB", fixture.Detect(algorithm, 1024)!.Message);
    }

    [Fact]
    public void Value_unit_is_normalised_too()
    {
        // Data in seconds, threshold typed in ms: 0.5 s = 500 ms.
        var fixture = new DetectFixture { Unit = "s", UnitPrefix = "ms" };
        var algorithm = fixture.Create("Threshold", """[[{"threshold": 500, "method": "gte"}]]""");
        Assert.NotNull(fixture.Detect(algorithm, 0.5));
        Assert.Null(fixture.Detect(algorithm, 0.499));
    }

    [Fact]
    public void Numeric_string_thresholds_are_accepted_like_float_fields()
    {
        var algorithm = _fixture.Create("Threshold", """[[{"threshold": "90.5", "method": "gt"}]]""");
        Assert.NotNull(_fixture.Detect(algorithm, 90.6));
        Assert.Null(_fixture.Detect(algorithm, 90.5));
    }
}
