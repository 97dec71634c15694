using BkMonitor.Grains.Detect;
using static BkMonitor.UnitTests.Detect.DetectFixture;

namespace BkMonitor.UnitTests.Detect;

public sealed class ModelAlgorithmTests
{
    // Same moment of the last 4 days: 90, 100, 110, 100 → mean 100, population σ = √50 ≈ 7.0711.
    private static DetectFixture Seasonal(long at = T) =>
        new DetectFixture().At(at - Day, 90).At(at - 2 * Day, 100).At(at - 3 * Day, 110).At(at - 4 * Day, 100);

    [Fact]
    public void Seasonal_z_score_band_is_mean_plus_minus_z_sigma()
    {
        var fixture = Seasonal();
        var model = new SeasonalZScoreModel(z: 2, seasons: 7, seasonSeconds: Day, minSamples: 3);
        var band = model.Predict(Series, T, new HistoryReader(fixture.History, missingIsZero: false))!.Value;
        Assert.Equal(100, band.Expected, 9);
        Assert.Equal(100 + 2 * Math.Sqrt(50), band.Upper, 9);
        Assert.Equal(100 - 2 * Math.Sqrt(50), band.Lower, 9);
    }

    [Fact]
    public void Intelligent_detect_flags_values_outside_the_band()
    {
        var fixture = Seasonal();
        var algorithm = fixture.Create("IntelligentDetect", """{"args": {"z": 2}}""");
        var upper = 100 + 2 * Math.Sqrt(50);
        Assert.Null(fixture.Detect(algorithm, upper));
        Assert.StartsWith("智能检测高于正常区间", fixture.Detect(algorithm, upper + 0.001)!.Message, StringComparison.Ordinal);
        Assert.StartsWith("智能检测低于正常区间", fixture.Detect(algorithm, 80)!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Intelligent_detect_direction_restricts_the_side()
    {
        var fixture = Seasonal();
        var upOnly = fixture.Create("IntelligentDetect", """{"direction": "up", "args": {"z": 2}}""");
        Assert.Null(fixture.Detect(upOnly, 50));
        Assert.NotNull(fixture.Detect(upOnly, 150));
    }

    [Fact]
    public void Too_little_history_is_not_anomalous()
    {
        var fixture = new DetectFixture().At(T - Day, 100).At(T - 2 * Day, 100);
        var algorithm = fixture.Create("IntelligentDetect", """{"args": {"min_samples": 3}}""");
        Assert.Null(fixture.Detect(algorithm, 1_000_000));
    }

    [Fact]
    public void Flat_history_uses_a_one_percent_sigma_floor()
    {
        var fixture = new DetectFixture().At(T - Day, 100).At(T - 2 * Day, 100).At(T - 3 * Day, 100);
        var algorithm = fixture.Create("IntelligentDetect", """{"args": {"z": 3}}""");
        Assert.Null(fixture.Detect(algorithm, 103));
        Assert.NotNull(fixture.Detect(algorithm, 103.001));
    }

    [Fact]
    public void Forecasting_checks_the_forecast_duration_ahead_against_thresholds()
    {
        // Forecast for T + 3600 uses the same moment on previous days: mean 100.
        var fixture = Seasonal(T + 3600);
        var algorithm = fixture.Create("TimeSeriesForecasting",
            """{"duration": 3600, "bound_type": "middle", "thresholds": [[{"threshold": 100, "method": "gte"}]]}""");
        Assert.Equal("3600秒后的预测值(100.0) >= 100.0", fixture.Detect(algorithm, 1)!.Message);
        // Default z = 3: upper ≈ 121.21, lower ≈ 78.79.
        var upper = fixture.Create("TimeSeriesForecasting",
            """{"duration": 3600, "bound_type": "upper", "thresholds": [[{"threshold": 121.3, "method": "gte"}]]}""");
        Assert.Null(fixture.Detect(upper, 1));
        var upperLower = fixture.Create("TimeSeriesForecasting",
            """{"duration": 3600, "bound_type": "upper", "thresholds": [[{"threshold": 121.2, "method": "gte"}]]}""");
        Assert.NotNull(fixture.Detect(upperLower, 1));
        var lower = fixture.Create("TimeSeriesForecasting",
            """{"duration": 3600, "bound_type": "lower", "thresholds": [[{"threshold": 80, "method": "lte"}]]}""");
        Assert.NotNull(fixture.Detect(lower, 1));
    }

    [Fact]
    public void A_custom_model_can_be_plugged_in()
    {
        var registry = AnomalyModelRegistry.BuiltIn.With("constant", _ => new ConstantModel());
        var factory = new AlgorithmFactory(registry);
        var algorithm = factory.Create("IntelligentDetect", Json("""{"model": "constant"}"""), "", "", 60, "time_series");
        var fixture = new DetectFixture();
        Assert.NotNull(fixture.Detect(algorithm, 11));
        Assert.Null(fixture.Detect(algorithm, 10));
        Assert.Contains("constant", registry.Names);
        Assert.DoesNotContain("constant", AnomalyModelRegistry.BuiltIn.Names);
    }

    private sealed class ConstantModel : IAnomalyModel
    {
        public ModelPrediction? Predict(string seriesKey, long time, in HistoryReader history) => new(5, 0, 10);
    }
}
