using static BkMonitor.UnitTests.Detect.DetectFixture;

namespace BkMonitor.UnitTests.Detect;

public sealed class RatioAlgorithmTests
{
    [Fact]
    public void Simple_ring_ratio_floor_fires_at_exactly_the_drop_percentage()
    {
        var fixture = new DetectFixture().At(T - 60, 100);
        var algorithm = fixture.Create("SimpleRingRatio", """{"floor": 20, "ceil": null}""");
        Assert.Equal("较前一时刻(100.0)下降超过20.0%", fixture.Detect(algorithm, 80)!.Message);
        Assert.Null(fixture.Detect(algorithm, 80.000001));
    }

    [Fact]
    public void Simple_ring_ratio_ceil_fires_at_exactly_the_rise_percentage()
    {
        var fixture = new DetectFixture().At(T - 60, 100);
        var algorithm = fixture.Create("SimpleRingRatio", """{"floor": null, "ceil": 50}""");
        Assert.Equal("较前一时刻(100.0)上升超过50.0%", fixture.Detect(algorithm, 150)!.Message);
        Assert.Null(fixture.Detect(algorithm, 149.999999));
    }

    [Fact]
    public void Missing_history_is_not_anomalous()
    {
        var fixture = new DetectFixture().At(T - 120, 100);
        var algorithm = fixture.Create("SimpleRingRatio", """{"floor": 10, "ceil": 10}""");
        Assert.Null(fixture.Detect(algorithm, 1));
    }

    [Fact]
    public void Zero_history_counts_as_missing_for_time_series()
    {
        var fixture = new DetectFixture().At(T - 60, 0);
        var algorithm = fixture.Create("SimpleRingRatio", """{"floor": null, "ceil": 10}""");
        Assert.Null(fixture.Detect(algorithm, 5));
    }

    [Fact]
    public void Missing_history_counts_as_zero_for_event_data()
    {
        var fixture = new DetectFixture { DataType = "event" };
        var algorithm = fixture.Create("SimpleRingRatio", """{"floor": null, "ceil": 10}""");
        Assert.Equal("较前一时刻(0.0)上升超过10.0%", fixture.Detect(algorithm, 5)!.Message);
        // Both zero: the (v or h) guard keeps 0 >= 0 from firing.
        Assert.Null(fixture.Detect(algorithm, 0));
    }

    [Fact]
    public void A_zero_percentage_switches_that_side_off()
    {
        var fixture = new DetectFixture().At(T - 60, 100);
        var algorithm = fixture.Create("SimpleRingRatio", """{"floor": 0, "ceil": 50}""");
        // With floor 0 active, 100 <= 100 would fire.
        Assert.Null(fixture.Detect(algorithm, 100));
    }

    [Fact]
    public void Simple_year_round_compares_with_one_week_earlier()
    {
        var fixture = new DetectFixture().At(T - 604_800, 10).At(T - 60, 1000);
        var algorithm = fixture.Create("SimpleYearRound", """{"floor": null, "ceil": 100}""");
        Assert.Equal("较上周同一时刻(10.0)上升超过100.0%", fixture.Detect(algorithm, 20)!.Message);
    }

    [Fact]
    public void Advanced_ring_ratio_averages_existing_points_and_skips_missing_ones()
    {
        // k = 1..3 → t-60 (10), t-120 missing, t-180 (20): mean 15.
        var fixture = new DetectFixture().At(T - 60, 10).At(T - 180, 20).At(T - 240, 1000);
        var algorithm = fixture.Create("AdvancedRingRatio",
            """{"floor": null, "floor_interval": null, "ceil": 100, "ceil_interval": 3, "fetch_type": "avg"}""");
        Assert.Equal("较前3个时间点的均值(15.0)上升超过100.0%", fixture.Detect(algorithm, 30)!.Message);
        Assert.Null(fixture.Detect(algorithm, 29.999999));
    }

    [Fact]
    public void Advanced_ring_ratio_last_takes_the_oldest_existing_point()
    {
        var fixture = new DetectFixture().At(T - 60, 100).At(T - 120, 10);
        var algorithm = fixture.Create("AdvancedRingRatio",
            """{"floor": null, "floor_interval": null, "ceil": 100, "ceil_interval": 3, "fetch_type": "last"}""");
        Assert.Equal("较前3个时间点的瞬间值(10.0)上升超过100.0%", fixture.Detect(algorithm, 20)!.Message);
    }

    [Fact]
    public void Advanced_average_is_rounded_to_6_decimals()
    {
        // mean(1, 1, 2) = 1.3333333…, rounded to 1.333333; a near-zero ceil makes the rounding decide.
        var fixture = new DetectFixture().At(T - 60, 1).At(T - 120, 1).At(T - 180, 2);
        var algorithm = fixture.Create("AdvancedRingRatio",
            """{"floor": null, "floor_interval": null, "ceil": 0.000000001, "ceil_interval": 3}""");
        Assert.NotNull(fixture.Detect(algorithm, 1.3333332));
        Assert.Null(fixture.Detect(algorithm, 1.3333329));
    }

    [Fact]
    public void A_side_without_history_makes_the_point_unjudgeable()
    {
        // Floor looks back 1 period (missing); ceil looks back 3 and would fire: bk-monitor errors on the floor side first.
        var fixture = new DetectFixture().At(T - 180, 1);
        var algorithm = fixture.Create("AdvancedRingRatio",
            """{"floor": 10, "floor_interval": 1, "ceil": 10, "ceil_interval": 3}""");
        Assert.Null(fixture.Detect(algorithm, 100));
    }

    [Fact]
    public void Advanced_year_round_uses_absolute_history_values()
    {
        // History -100 at t-1d: |−100| = 100, so 250 is a 150% rise; with signed history it would be far more.
        var fixture = new DetectFixture().At(T - Day, -100);
        var algorithm = fixture.Create("AdvancedYearRound",
            """{"floor": 50, "floor_interval": 1, "ceil": 200, "ceil_interval": 1}""");
        Assert.Null(fixture.Detect(algorithm, 250));
        Assert.Equal("较前1天内同一时刻绝对值的均值(100.0)上升超过200.0%", fixture.Detect(algorithm, 300)!.Message);
        // The current value keeps its sign: -60 <= 100 * 50% is a drop.
        Assert.Equal("较前1天内同一时刻绝对值的均值(100.0)下降超过50.0%", fixture.Detect(algorithm, -60)!.Message);
    }

    [Fact]
    public void Advanced_year_round_steps_by_whole_days()
    {
        var fixture = new DetectFixture().At(T - 60, 1).At(T - 2 * Day, 10);
        var algorithm = fixture.Create("AdvancedYearRound",
            """{"floor": null, "floor_interval": null, "ceil": 100, "ceil_interval": 2}""");
        Assert.NotNull(fixture.Detect(algorithm, 20));
    }
}
