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

    [Fact]
    public void A_series_point_already_waiting_is_not_added_twice_but_may_come_back_after_its_check()
    {
        var inbox = new NoDataInbox();
        Assert.True(inbox.Add("s1", P(60)));
        Assert.False(inbox.Add("s1", P(60)));
        Assert.True(inbox.Add("s2", P(60)));
        Assert.True(inbox.Add("s1", P(120)));
        Assert.Equal([60L, 60L], inbox.TakeFor(60).Select(p => p.Time));
        Assert.True(inbox.Add("s1", P(60)));
        Assert.False(inbox.Add("s1", P(120)));
    }

    [Fact]
    public void A_full_inbox_drops_new_points_and_counts_them()
    {
        var inbox = new NoDataInbox(capacity: 2);
        Assert.True(inbox.Add("s1", P(60)));
        Assert.True(inbox.Add("s2", P(60)));
        Assert.False(inbox.Add("s3", P(60)));
        Assert.False(inbox.Add("s4", P(60)));
        Assert.Equal((2, 2L), (inbox.Pending.Count, inbox.Dropped));
        Assert.Equal(2L, inbox.TakeDropped());
        Assert.Equal(0L, inbox.TakeDropped());
        inbox.TakeFor(60);
        Assert.True(inbox.Add("s3", P(120)));
    }
}
