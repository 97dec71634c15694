using BkMonitor.Grains.Actions;

namespace BkMonitor.UnitTests.Actions;

public sealed class RepeatNoticePolicyTests
{
    private static readonly NoticeConfig Standard = new() { NotifyInterval = 3600 };
    private static readonly NoticeConfig Increasing = new() { NotifyInterval = 3600, IntervalNotifyMode = RepeatNoticePolicy.Increasing };

    [Theory]
    [InlineData(1, 3600)]
    [InlineData(5, 3600)]
    public void Standard_interval_is_constant(int executeTimes, long expected)
        => Assert.Equal(expected, RepeatNoticePolicy.Interval(Standard, executeTimes));

    [Theory]
    [InlineData(1, 3600)]
    [InlineData(2, 7200)]
    [InlineData(3, 14400)]
    [InlineData(4, 28800)]
    [InlineData(0, 1800)]
    public void Increasing_interval_doubles_per_round(int executeTimes, long expected)
        => Assert.Equal(expected, RepeatNoticePolicy.Interval(Increasing, executeTimes));

    [Fact]
    public void No_poll_means_no_interval_and_never_repeats()
    {
        var config = Standard with { NeedPoll = false };
        var last = new CycleHandleRecord { LastTime = 0, LatestAnomalyTime = 0, ExecuteTimes = 1 };

        Assert.Equal(0, RepeatNoticePolicy.Interval(config, 1));
        Assert.False(RepeatNoticePolicy.IsDue(config, last, alertLatestTime: 1_000_000, now: 1_000_000));
    }

    [Fact]
    public void Repeat_is_due_exactly_when_the_interval_has_passed()
    {
        var last = new CycleHandleRecord { LastTime = 10_000, LatestAnomalyTime = 10_000, ExecuteTimes = 1 };

        Assert.False(RepeatNoticePolicy.IsDue(Standard, last, alertLatestTime: 12_000, now: 13_599));
        Assert.True(RepeatNoticePolicy.IsDue(Standard, last, alertLatestTime: 12_000, now: 13_600));
    }

    [Fact]
    public void Repeat_needs_an_anomaly_newer_than_the_last_notified()
    {
        var last = new CycleHandleRecord { LastTime = 10_000, LatestAnomalyTime = 12_000, ExecuteTimes = 1 };

        Assert.False(RepeatNoticePolicy.IsDue(Standard, last, alertLatestTime: 12_000, now: 20_000));
        Assert.True(RepeatNoticePolicy.IsDue(Standard, last, alertLatestTime: 12_060, now: 20_000));
    }

    [Fact]
    public void Increasing_mode_uses_the_recorded_round_for_the_wait()
    {
        var last = new CycleHandleRecord { LastTime = 10_000, LatestAnomalyTime = 0, ExecuteTimes = 2 };

        Assert.False(RepeatNoticePolicy.IsDue(Increasing, last, 1, now: 10_000 + 7199));
        Assert.True(RepeatNoticePolicy.IsDue(Increasing, last, 1, now: 10_000 + 7200));
    }

    [Fact]
    public void Next_record_counts_the_round_and_remembers_the_anomaly()
    {
        var last = new CycleHandleRecord { LastTime = 10_000, LatestAnomalyTime = 9_000, ExecuteTimes = 2 };

        var next = RepeatNoticePolicy.Next(last, alertLatestTime: 13_000, isShielded: true, now: 14_000);

        Assert.Equal(new CycleHandleRecord { LastTime = 14_000, LatestAnomalyTime = 13_000, IsShielded = true, ExecuteTimes = 3 }, next);
    }
}
