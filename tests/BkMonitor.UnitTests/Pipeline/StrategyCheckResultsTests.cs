using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.Grains.Detect;
using static BkMonitor.UnitTests.Pipeline.PipelineStrategies;

namespace BkMonitor.UnitTests.Pipeline;

/// <summary>The check results a strategy's detect keeps for the alert manager's recovery check.</summary>
public sealed class StrategyCheckResultsTests
{
    [Fact]
    public void Every_detected_point_is_recorded_with_whether_its_level_flagged_it()
    {
        var detector = new StrategyDetector(Threshold(), 1);
        detector.Detect(Batch(Records([(T0, 95), (T0 + 60, 50), (T0 + 120, 91)])), T0 + 130);

        var slice = detector.CheckResults(1, Md5("h1"), 1, T0, T0 + 120);

        Assert.Equal(T0 + 120, slice.LastCheckpoint);
        Assert.Equal([new CheckResultEntry(T0, true), new CheckResultEntry(T0 + 60, false), new CheckResultEntry(T0 + 120, true)], slice.Points);
    }

    [Fact]
    public void A_level_without_algorithms_an_unknown_item_or_series_has_no_results()
    {
        var detector = new StrategyDetector(Threshold(), 1);
        detector.Detect(Batch(Records([(T0, 95)])), T0 + 10);

        Assert.Same(CheckResultSlice.Empty, detector.CheckResults(1, Md5("h1"), 2, 0, long.MaxValue));
        Assert.Same(CheckResultSlice.Empty, detector.CheckResults(9, Md5("h1"), 1, 0, long.MaxValue));
        Assert.Same(CheckResultSlice.Empty, detector.CheckResults(1, Md5("h2"), 1, 0, long.MaxValue));
    }

    [Fact]
    public void Results_are_kept_for_the_trigger_plus_recovery_window_and_two_spare_periods()
    {
        var detector = new StrategyDetector(Threshold(), 1);
        var points = Enumerable.Range(0, 30).Select(i => (T0 + (i * 60L), 10.0)).ToArray();
        detector.Detect(Batch(Records(points)), T0 + 1800);

        // check_window 5 + recovery 5 + 2 spare = 12 periods of 60 s behind the newest point (inclusive).
        var slice = detector.CheckResults(1, Md5("h1"), 1, 0, long.MaxValue);
        Assert.Equal(13, slice.Points.Count);
        Assert.Equal(T0 + (17 * 60), slice.Points[0].Time);
    }

    [Fact]
    public void A_recompiled_strategy_keeps_the_results_of_items_it_still_has()
    {
        var old = new StrategyDetector(Threshold(), 1);
        old.Detect(Batch(Records([(T0, 95)])), T0 + 10);
        var newer = new StrategyDetector(Threshold(), 2);

        old.CarryCheckResultsTo(newer);

        Assert.Equal([new CheckResultEntry(T0, true)], newer.CheckResults(1, Md5("h1"), 1, 0, long.MaxValue).Points);
    }
}
