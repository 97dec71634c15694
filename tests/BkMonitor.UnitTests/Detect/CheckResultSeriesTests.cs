using BkMonitor.Grains.Detect;

namespace BkMonitor.UnitTests.Detect;

public sealed class CheckResultSeriesTests
{
    private const byte Level1 = 1 << 1;

    [Fact]
    public void Results_come_back_in_time_order_with_the_level_bit()
    {
        var series = new CheckResultSeries(capacity: 2);
        series.Record(180, Level1, 10_000);
        series.Record(60, 0, 10_000);
        series.Record(120, Level1 | (1 << 2), 10_000);

        Assert.Equal([(60L, false), (120L, true), (180L, true)], Read(series, 1, 0, 1000));
        Assert.Equal([(60L, false), (120L, true), (180L, false)], Read(series, 2, 0, 1000));
        Assert.Equal(180, series.Newest);
    }

    [Fact]
    public void A_second_result_for_the_same_time_replaces_the_first()
    {
        var series = new CheckResultSeries();
        series.Record(60, Level1, 10_000);
        series.Record(60, 0, 10_000);

        Assert.Equal([(60L, false)], Read(series, 1, 0, 1000));
    }

    [Fact]
    public void Points_older_than_the_retention_behind_the_newest_are_dropped()
    {
        var series = new CheckResultSeries(capacity: 4);
        for (var t = 60L; t <= 1200; t += 60) series.Record(t, Level1, 300);

        Assert.Equal(6, series.Count);
        Assert.Equal([900L, 960, 1020, 1080, 1140, 1200], Read(series, 1, 0, 10_000).Select(p => p.Time));
    }

    [Fact]
    public void Range_bounds_are_inclusive()
    {
        var series = new CheckResultSeries();
        foreach (var t in new long[] { 60, 120, 180, 240 }) series.Record(t, 0, 10_000);

        Assert.Equal([120L, 180], Read(series, 1, 120, 180).Select(p => p.Time));
    }

    [Fact]
    public void Late_points_inserted_into_a_full_buffer_keep_order()
    {
        var series = new CheckResultSeries(capacity: 4);
        foreach (var t in new long[] { 60, 180, 240, 300 }) series.Record(t, 0, 10_000);
        series.Record(120, Level1, 10_000);

        Assert.Equal([(60L, false), (120L, true), (180L, false), (240L, false), (300L, false)], Read(series, 1, 0, 1000));
    }

    private static List<(long Time, bool IsAnomaly)> Read(CheckResultSeries series, int level, long from, long to)
    {
        var points = new List<(long Time, bool IsAnomaly)>();
        series.CopyTo(level, from, to, points);
        return points;
    }
}
