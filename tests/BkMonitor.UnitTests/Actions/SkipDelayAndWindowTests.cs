using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.Grains.Actions;

namespace BkMonitor.UnitTests.Actions;

public sealed class SkipDelayAndWindowTests
{
    private static ActionRelation WithSkipDelay(int skipDelay, params string[] signals) => new()
    {
        Signal = signals.Length == 0 ? [ActionSignal.Abnormal] : signals,
        Options = new ActionRelationOptions { SkipDelay = skipDelay },
    };

    [Fact]
    public void Skip_delay_boundary_is_strict()
    {
        var relation = WithSkipDelay(300);

        Assert.False(SkipDelayRule.ShouldSkip(relation, alertBeginTime: 1000, now: 1300));
        Assert.True(SkipDelayRule.ShouldSkip(relation, alertBeginTime: 1000, now: 1301));
    }

    [Fact]
    public void Zero_skip_delay_never_skips()
        => Assert.False(SkipDelayRule.ShouldSkip(WithSkipDelay(0), alertBeginTime: 0, now: 1_000_000));

    [Fact]
    public void Skip_delay_applies_only_to_relations_handling_abnormal()
        => Assert.False(SkipDelayRule.ShouldSkip(WithSkipDelay(60, ActionSignal.Recovered), alertBeginTime: 0, now: 1000));

    [Theory]
    [InlineData("09:00:00", "18:00:00", "09:00:00", true)]
    [InlineData("09:00:00", "18:00:00", "18:00:00", true)]
    [InlineData("09:00:00", "18:00:00", "18:00:01", false)]
    [InlineData("09:00:00", "18:00:00", "08:59:59", false)]
    [InlineData("22:00:00", "06:00:00", "23:30:00", true)]
    [InlineData("22:00:00", "06:00:00", "05:59:59", true)]
    [InlineData("22:00:00", "06:00:00", "12:00:00", false)]
    [InlineData("00:00:00", "23:59:59", "23:59:59", true)]
    public void Time_window_includes_both_ends_and_may_cross_midnight(string start, string end, string now, bool expected)
    {
        var window = NoticeTimeWindow.Parse(start, end);

        Assert.Equal(expected, window.Contains(TimeOnly.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Time_window_ignores_sub_seconds_at_the_end()
        => Assert.True(NoticeTimeWindow.Parse("00:00:00", "23:59:59").Contains(new TimeOnly(23, 59, 59, 900)));

    [Fact]
    public void Bad_time_window_names_the_field()
    {
        var ex = Assert.Throws<FormatException>(() => NoticeTimeWindow.Parse("9:00", "18:00:00"));
        Assert.Contains("options.start_time", ex.Message, StringComparison.Ordinal);
    }
}
