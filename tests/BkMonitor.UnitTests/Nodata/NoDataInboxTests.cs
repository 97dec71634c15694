using BkMonitor.Grains.Nodata;

namespace BkMonitor.UnitTests.Nodata;

public sealed class NoDataInboxTests
{
    private static NoDataPoint P(long time) => new(new Dictionary<string, string>(), time);

    [Fact]
    public void A_check_takes_every_point_up_to_its_time_and_leaves_later_ones()
    {
        var inbox = new NoDataInbox();
        foreach (var t in new long[] { 60, 120, 180 }) inbox.Add(P(t));
        Assert.Equal([60L, 120L], inbox.TakeFor(120).Select(p => p.Time));
        Assert.Equal([180L], inbox.Pending.Select(p => p.Time));
    }

    [Fact]
    public void With_nothing_due_a_check_takes_only_the_earliest_later_period()
    {
        var inbox = new NoDataInbox();
        foreach (var t in new long[] { 240, 180, 180, 300 }) inbox.Add(P(t));
        Assert.Equal([180L, 180L], inbox.TakeFor(120).Select(p => p.Time));
        Assert.Equal([240L, 300L], inbox.Pending.Select(p => p.Time));
        Assert.Empty(new NoDataInbox().TakeFor(120));
    }
}
