using BkMonitor.Grains.Nodata;

namespace BkMonitor.UnitTests.Nodata;

public sealed class NoDataScheduleTests
{
    private const long T = 1_700_000_040; // a multiple of 60 and of 120, not of 300

    [Fact]
    public void A_first_tick_checks_only_the_current_period()
        => Assert.Equal([T - 60], NoDataSchedule.DueChecks(null, 60, T + 5));

    [Fact]
    public void An_on_time_tick_checks_one_period_and_a_repeated_tick_none()
    {
        Assert.Equal([T - 60], NoDataSchedule.DueChecks(T - 120, 60, T));
        Assert.Empty(NoDataSchedule.DueChecks(T - 60, 60, T + 30));
    }

    [Fact]
    public void A_late_tick_checks_each_minute_tick_it_stands_for()
        => Assert.Equal([T - 60, T, T + 60], NoDataSchedule.DueChecks(T - 120, 60, T + 120));

    [Fact]
    public void Catch_up_is_bounded()
    {
        var due = NoDataSchedule.DueChecks(T - 3600, 60, T);
        Assert.Equal(NoDataSchedule.MaxCatchUpTicks, due.Count);
        Assert.Equal(T - 60, due[^1]);
    }

    [Fact]
    public void Ticks_sharing_a_long_period_check_it_once()
        => Assert.Equal([T - 300 - 240, T - 240], NoDataSchedule.DueChecks(T - 900 - 240, 300, T + 5 * 60));

    [Fact]
    public void Short_periods_are_checked_once_a_minute_as_on_time_ticks_would()
        => Assert.Equal([T - 10, T + 50], NoDataSchedule.DueChecks(T - 70, 10, T + 60));

    [Fact]
    public void A_fresh_inbox_is_blind_up_to_the_current_period()
    {
        Assert.Equal(T, NoDataSchedule.BlindUntil(T + 59, 60));
        Assert.Empty(NoDataSchedule.DueChecks(NoDataSchedule.BlindUntil(T + 30, 60), 60, T + 60));
        Assert.Equal([T + 60], NoDataSchedule.DueChecks(NoDataSchedule.BlindUntil(T + 30, 60), 60, T + 120));
    }
}
