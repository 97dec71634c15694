using static BkMonitor.UnitTests.Detect.DetectFixture;

namespace BkMonitor.UnitTests.Detect;

public sealed class AmplitudeAlgorithmTests
{
    [Fact]
    public void Ring_ratio_amplitude_needs_both_points_above_threshold_and_a_big_enough_jump()
    {
        var fixture = new DetectFixture().At(T - 60, 100);
        var algorithm = fixture.Create("RingRatioAmplitude", """{"ratio": 0.5, "shock": 10, "threshold": 50}""");
        // |100 - 160| = 60 >= 100*0.5 + 10 = 60: fires exactly at the edge.
        Assert.NotNull(fixture.Detect(algorithm, 160));
        Assert.Null(fixture.Detect(algorithm, 159.999999));
        // Jump big enough downwards too, but the value is under the threshold.
        Assert.Null(fixture.Detect(algorithm, 40));
    }

    [Fact]
    public void Ring_ratio_amplitude_checks_the_previous_value_against_the_threshold()
    {
        var fixture = new DetectFixture().At(T - 60, 49);
        var algorithm = fixture.Create("RingRatioAmplitude", """{"ratio": 0, "shock": 0, "threshold": 50}""");
        Assert.Null(fixture.Detect(algorithm, 1000));
        fixture.At(T - 60, 50);
        Assert.NotNull(fixture.Detect(algorithm, 1000));
    }

    [Fact]
    public void Ring_ratio_amplitude_without_previous_point_is_not_anomalous()
    {
        var fixture = new DetectFixture();
        var algorithm = fixture.Create("RingRatioAmplitude", """{"ratio": 0, "shock": 0, "threshold": 0}""");
        Assert.Null(fixture.Detect(algorithm, 1000));
    }

    [Fact]
    public void Ring_ratio_amplitude_reads_threshold_and_shock_in_the_unit_prefix()
    {
        var fixture = new DetectFixture { Unit = "bytes", UnitPrefix = "Ki" }.At(T - 60, 1024);
        var algorithm = fixture.Create("RingRatioAmplitude", """{"ratio": 0, "shock": 1, "threshold": 1}""");
        Assert.NotNull(fixture.Detect(algorithm, 2048)); // jump 1024 B >= 1 KiB
        Assert.Null(fixture.Detect(algorithm, 2047));
    }

    [Fact]
    public void Year_round_amplitude_compares_todays_step_with_each_past_day()
    {
        // Today: 200 - 100 = 100. Day 1: |50 - 40| = 10 → 10*2 + 80 = 100 (gte holds).
        var fixture = new DetectFixture().At(T - 60, 100).At(T - Day, 50).At(T - Day - 60, 40);
        var algorithm = fixture.Create("YearRoundAmplitude", """{"ratio": 2, "shock": 80, "days": 1, "method": "gte"}""");
        Assert.Equal(" - 前一时刻值100.0 >= 1天前的同一时刻差值10.0 * 2.0 + 80.0", fixture.Detect(algorithm, 200)!.Message);
        var strict = fixture.Create("YearRoundAmplitude", """{"ratio": 2, "shock": 80, "days": 1, "method": "gt"}""");
        Assert.Null(fixture.Detect(strict, 200));
    }

    [Fact]
    public void Year_round_amplitude_stops_at_a_missing_day_even_if_a_later_day_would_fire()
    {
        // Day 1 is missing its earlier point; day 2 would fire. bk-monitor fails on day 1.
        var fixture = new DetectFixture().At(T - 60, 100).At(T - Day, 50)
            .At(T - 2 * Day, 0.5).At(T - 2 * Day - 60, 0.25);
        var algorithm = fixture.Create("YearRoundAmplitude", """{"ratio": 1, "shock": 0, "days": 2, "method": "gt"}""");
        Assert.Null(fixture.Detect(algorithm, 200));
        fixture.At(T - Day - 60, 49.99); // day 1 present: step 0.01 < 100 fires already at day 1
        Assert.Contains("1天前", fixture.Detect(algorithm, 200)!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Year_round_amplitude_needs_todays_previous_point()
    {
        var fixture = new DetectFixture().At(T - Day, 50).At(T - Day - 60, 40);
        var algorithm = fixture.Create("YearRoundAmplitude", """{"ratio": 0, "shock": 0, "days": 1, "method": "gt"}""");
        Assert.Null(fixture.Detect(algorithm, 200));
    }

    [Fact]
    public void Year_round_amplitude_treats_a_zero_current_value_as_missing_for_time_series()
    {
        var fixture = new DetectFixture().At(T - 60, 100).At(T - Day, 50).At(T - Day - 60, 50);
        var algorithm = fixture.Create("YearRoundAmplitude", """{"ratio": 0, "shock": 0, "days": 1, "method": "gt"}""");
        Assert.NotNull(fixture.Detect(algorithm, 1));
        Assert.Null(fixture.Detect(algorithm, 0));
    }

    [Fact]
    public void Year_round_range_compares_the_absolute_value_with_each_day()
    {
        var fixture = new DetectFixture().At(T - Day, -100);
        var algorithm = fixture.Create("YearRoundRange", """{"ratio": 1.5, "shock": 10, "days": 1, "method": "gte"}""");
        // |-160| >= |-100| * 1.5 + 10 = 160.
        Assert.Equal(" >= 1天前的同一时刻绝对值-100.0 * 1.5 + 10.0", fixture.Detect(algorithm, -160)!.Message);
        Assert.Null(fixture.Detect(algorithm, -159.99));
    }

    [Fact]
    public void Year_round_range_closes_gaps_so_a_missing_day_shifts_the_index()
    {
        // Day 1 missing, day 2 present: it becomes index 0 and is reported as "1天前".
        var fixture = new DetectFixture().At(T - 2 * Day, 10);
        var algorithm = fixture.Create("YearRoundRange", """{"ratio": 1, "shock": 0, "days": 2, "method": "gt"}""");
        Assert.Equal(" > 1天前的同一时刻绝对值10.0 * 1.0 + 0.0", fixture.Detect(algorithm, 11)!.Message);
    }

    [Fact]
    public void Year_round_range_running_past_the_existing_days_is_not_anomalous()
    {
        var fixture = new DetectFixture().At(T - 2 * Day, 10);
        var algorithm = fixture.Create("YearRoundRange", """{"ratio": 1, "shock": 0, "days": 2, "method": "lt"}""");
        Assert.Null(fixture.Detect(algorithm, 11));
    }
}
