using BkMonitor.Grains.Detect;

namespace BkMonitor.UnitTests.Detect;

public sealed class SeriesValueLogTests
{
    [Fact]
    public void Values_recorded_out_of_order_are_found_by_time_and_replaced_in_place()
    {
        var log = new SeriesValueLog();
        long[] times = [600, 0, 1200, 300, 900, 60, 1800, 1500, 120, 2400, 2100, 180];
        foreach (var time in times) log.Record(time, time / 10d);
        log.Record(300, -1);

        Assert.Equal(times.Length, log.Count);
        foreach (var time in times)
        {
            Assert.True(log.TryGetValue(time, out var value));
            Assert.Equal(time == 300 ? -1 : time / 10d, value);
        }
        Assert.False(log.TryGetValue(301, out _));
        Assert.False(log.TryGetValue(-60, out _));
        Assert.False(log.TryGetValue(9999, out _));
    }

    [Fact]
    public void Removing_older_values_keeps_the_cut_time_and_everything_after_it()
    {
        var log = new SeriesValueLog();
        for (var time = 0; time <= 1200; time += 60) log.Record(time, time);

        Assert.Equal(10, log.RemoveOlderThan(600));
        Assert.Equal(0, log.RemoveOlderThan(600));
        Assert.False(log.TryGetValue(540, out _));
        Assert.True(log.TryGetValue(600, out var kept));
        Assert.Equal(600, kept);
        Assert.Equal(1, log.RemoveOlderThan(601));
        Assert.Equal(10, log.Count);
        Assert.Equal(10, log.RemoveOlderThan(long.MaxValue));
        Assert.Equal(0, log.Count);
    }
}
