using BkMonitor.Grains.Detect;
using static BkMonitor.UnitTests.Detect.DetectFixture;

namespace BkMonitor.UnitTests.Detect;

public sealed class AlgorithmFactoryTests
{
    private static IReadOnlyList<string> Validate(string type, string json) => AlgorithmFactory.Default.Validate(type, Json(json));

    [Theory]
    [InlineData("Threshold", """[[{"threshold": 1, "method": "gt"}]]""")]
    [InlineData("SimpleRingRatio", """{"floor": 10, "ceil": null}""")]
    [InlineData("SimpleYearRound", """{"floor": null, "ceil": "5"}""")]
    [InlineData("AdvancedRingRatio", """{"floor": 10, "floor_interval": 2, "ceil": null, "ceil_interval": null, "fetch_type": "last"}""")]
    [InlineData("AdvancedYearRound", """{"floor": 10, "floor_interval": 2, "ceil": 0, "ceil_interval": 3}""")]
    [InlineData("RingRatioAmplitude", """{"ratio": 0.5, "shock": 1, "threshold": 2}""")]
    [InlineData("YearRoundAmplitude", """{"ratio": 1, "shock": 0, "days": 1, "method": "eq"}""")]
    [InlineData("YearRoundRange", """{"ratio": 1, "shock": 0, "days": 7, "method": "lte"}""")]
    [InlineData("PingUnreachable", "{}")]
    [InlineData("ProcPort", "{}")]
    [InlineData("OsRestart", "{}")]
    [InlineData("IntelligentDetect", """{"plan_id": 1, "args": {"z": 2.5, "seasons": 14}}""")]
    [InlineData("TimeSeriesForecasting", """{"duration": 0, "thresholds": [[{"threshold": 1, "method": "gte"}]]}""")]
    public void Valid_configs_have_no_errors(string type, string json) => Assert.Empty(Validate(type, json));

    [Theory]
    [InlineData("Threshold", "[]", "config: must be a non-empty list of AND-groups")]
    [InlineData("Threshold", "[[]]", "[0]: must be a non-empty list")]
    [InlineData("Threshold", """[[{"threshold": 1, "method": "ge"}]]""", "[0][0].method: must be one of gt, gte, lt, lte, eq, neq, got \"ge\"")]
    [InlineData("Threshold", """[[{"method": "gt"}]]""", "[0][0].threshold: is required")]
    [InlineData("Threshold", """[[{"threshold": "abc", "method": "gt"}]]""", "[0][0].threshold: must be a number, got \"abc\"")]
    [InlineData("SimpleRingRatio", """{"floor": -1, "ceil": null}""", "floor: must be >= 0.0, got -1.0")]
    [InlineData("SimpleRingRatio", """{"floor": null, "ceil": 0}""", "config: floor or ceil must be a non-zero percentage")]
    [InlineData("SimpleRingRatio", """{"floor": 10}""", "ceil: is required")]
    [InlineData("AdvancedRingRatio", """{"floor": 10, "floor_interval": null, "ceil": null, "ceil_interval": null}""", "config: floor with floor_interval")]
    [InlineData("AdvancedRingRatio", """{"floor": 10, "floor_interval": 0, "ceil": null, "ceil_interval": null}""", "floor_interval: must be >= 1, got 0")]
    [InlineData("AdvancedYearRound", """{"floor": 10, "floor_interval": 1, "ceil": null, "ceil_interval": null, "fetch_type": "max"}""", "fetch_type: must be one of avg, last")]
    [InlineData("RingRatioAmplitude", """{"ratio": "x", "shock": 1, "threshold": 2}""", "ratio: must be a number, got \"x\"")]
    [InlineData("RingRatioAmplitude", """{"ratio": 1, "shock": true, "threshold": 2}""", "shock: must be a number, got true")]
    [InlineData("YearRoundAmplitude", """{"ratio": 1, "shock": 0, "days": 0, "method": "gt"}""", "days: must be >= 1, got 0")]
    [InlineData("YearRoundRange", """{"ratio": 1, "shock": 0, "days": 1.5, "method": "gt"}""", "days: must be an integer, got 1.5")]
    [InlineData("YearRoundRange", """{"ratio": 1, "shock": 0, "days": 1, "method": "neq"}""", "method: must be one of gt, gte, lt, lte, eq")]
    [InlineData("SimpleRingRatio", "[1]", "config: must be an object, got a list")]
    [InlineData("IntelligentDetect", """{"model": "prophet"}""", "model: must be one of seasonal_zscore")]
    [InlineData("IntelligentDetect", """{"args": {"min_samples": 9, "seasons": 7}}""", "args.min_samples: must be <= seasons (7), got 9")]
    [InlineData("TimeSeriesForecasting", """{"duration": 60}""", "thresholds: is required")]
    [InlineData("TimeSeriesForecasting", """{"duration": 60, "thresholds": [[{"threshold": 1, "method": "x"}]]}""", "thresholds[0][0].method")]
    [InlineData("Bogus", "{}", "type: unknown algorithm type 'Bogus'")]
    public void Invalid_configs_name_the_field(string type, string json, string expectedStart)
    {
        var errors = Validate(type, json);
        Assert.Contains(errors, e => e.StartsWith(expectedStart, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_bad_field_is_reported_not_just_the_first()
    {
        var errors = Validate("YearRoundAmplitude", """{"ratio": "a", "shock": null, "days": -1}""");
        Assert.Equal(4, errors.Count); // ratio, shock, days, method
    }

    [Fact]
    public void Create_throws_with_every_message()
    {
        var e = Assert.Throws<InvalidAlgorithmConfigException>(() =>
            AlgorithmFactory.Default.Create("Threshold", Json("[]"), "", "", 60, "time_series"));
        Assert.Equal("Threshold", e.AlgorithmType);
        Assert.Single(e.Errors);
    }
}
