using BkMonitor.Runtime.Reminders;

namespace BkMonitor.UnitTests.Reminders;

public sealed class ReminderScheduleTests
{
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 10, DateTimeKind.Utc);
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(null, 0, 0)]          // nothing delivered, first tick at StartAt
    [InlineData(0, 0, 10)]            // delivered StartAt, next one period later
    [InlineData(20, 20, 30)]
    public void Next_due_follows_the_last_delivered_tick(int? lastOffset, int nowOffset, int expectedOffset)
    {
        DateTime? last = lastOffset is null ? null : Start.AddSeconds(lastOffset.Value);
        Assert.Equal(Start.AddSeconds(expectedOffset), ReminderSchedule.NextDue(Start, Period, last));
        Assert.Null(ReminderSchedule.TickToDeliver(Start, Period, last, Start.AddSeconds(nowOffset).AddTicks(-1), out var wait));
        Assert.True(wait > TimeSpan.Zero);
    }

    [Theory]
    [InlineData(10, 10, 10)]          // exactly due
    [InlineData(10, 15, 10)]          // a little late
    [InlineData(10, 47, 40)]          // several missed: only the latest grid point fires
    public void A_due_tick_is_delivered_at_the_latest_grid_point(int lastPlusPeriodOffset, int nowOffset, int expectedTick)
    {
        var last = Start.AddSeconds(lastPlusPeriodOffset).Add(-Period);
        var tick = ReminderSchedule.TickToDeliver(Start, Period, last, Start.AddSeconds(nowOffset), out var wait);
        Assert.Equal(Start.AddSeconds(expectedTick), tick);
        Assert.Equal(TimeSpan.Zero, wait);
    }

    [Fact]
    public void Before_start_the_wait_is_until_start()
    {
        Assert.Null(ReminderSchedule.TickToDeliver(Start, Period, null, Start.AddSeconds(-4), out var wait));
        Assert.Equal(TimeSpan.FromSeconds(4), wait);
    }

    [Fact]
    public void Grid_points_stay_exact_for_odd_periods()
    {
        var period = TimeSpan.FromMilliseconds(1337);
        Assert.Equal(Start.AddTicks(period.Ticks * 1000), ReminderSchedule.LatestAtOrBefore(Start, period, Start.AddTicks(period.Ticks * 1000 + 1)));
        Assert.Equal(Start.AddTicks(period.Ticks * 1001), ReminderSchedule.FirstAfter(Start, period, Start.AddTicks(period.Ticks * 1000)));
    }
}
