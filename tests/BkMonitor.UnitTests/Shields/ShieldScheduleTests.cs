using BkMonitor.GrainInterfaces.Shields;
using BkMonitor.Grains.Shields;

namespace BkMonitor.UnitTests.Shields;

public sealed class ShieldScheduleTests
{
    // 2024-01-01 is a Monday.
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.CreateCustomTimeZone("biz+08", TimeSpan.FromHours(8), "biz+08", "biz+08");

    private static ShieldConfig Shield(ShieldCycleConfig cycle, string begin = "2024-01-01T00:00:00Z", string end = "2024-12-31T23:59:59Z") => new()
    {
        Id = 1,
        BkBizId = 2,
        Category = ShieldCategory.Dimension,
        BeginTime = DateTimeOffset.Parse(begin, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(),
        EndTime = DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(),
        CycleConfig = cycle,
    };

    private static bool Active(ShieldConfig shield, string at, TimeZoneInfo? zone = null)
        => ShieldSchedule.IsActive(shield, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), zone ?? Utc);

    [Theory]
    [InlineData("2024-01-01T09:59:59Z", false)]
    [InlineData("2024-01-01T10:00:00Z", true)]
    [InlineData("2024-01-01T11:00:00Z", true)]
    [InlineData("2024-01-01T11:00:01Z", false)]
    public void Single_window_includes_both_ends(string at, bool expected)
        => Assert.Equal(expected, Active(Shield(new ShieldCycleConfig(), "2024-01-01T10:00:00Z", "2024-01-01T11:00:00Z"), at));

    [Theory]
    [InlineData("2024-03-05T21:59:59Z", false)]
    [InlineData("2024-03-05T22:00:00Z", true)]
    [InlineData("2024-03-05T23:59:59Z", true)]
    [InlineData("2024-03-06T00:00:00Z", true)]
    [InlineData("2024-03-06T02:00:00Z", true)]
    [InlineData("2024-03-06T02:00:01Z", false)]
    [InlineData("2024-03-06T12:00:00Z", false)]
    public void Daily_range_may_cross_midnight(string at, bool expected)
        => Assert.Equal(expected, Active(Shield(new ShieldCycleConfig { Type = 2, BeginTime = "22:00:00", EndTime = "02:00:00" }), at));

    [Fact]
    public void Daily_range_never_applies_outside_begin_and_end_time()
    {
        var shield = Shield(new ShieldCycleConfig { Type = 2, BeginTime = "00:00:00", EndTime = "23:59:59" }, "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z");
        Assert.True(Active(shield, "2024-01-01T12:00:00Z"));
        Assert.False(Active(shield, "2024-01-02T00:00:01Z"));
    }

    [Theory]
    [InlineData("2024-01-01T10:30:00Z", true)]   // Monday
    [InlineData("2024-01-03T10:30:00Z", true)]   // Wednesday
    [InlineData("2024-01-02T10:30:00Z", false)]  // Tuesday
    [InlineData("2024-01-07T10:30:00Z", false)]  // Sunday
    [InlineData("2024-01-01T12:30:00Z", false)]  // Monday, outside the range
    public void Weekly_shield_uses_monday_as_1(string at, bool expected)
        => Assert.Equal(expected, Active(Shield(new ShieldCycleConfig { Type = 3, BeginTime = "10:00:00", EndTime = "11:00:00", WeekList = [1, 3] }), at));

    [Fact]
    public void Sunday_is_7_and_daily_week_list_restricts_days()
    {
        var shield = Shield(new ShieldCycleConfig { Type = 2, BeginTime = "00:00:00", EndTime = "23:59:59", WeekList = [7] });
        Assert.True(Active(shield, "2024-01-07T08:00:00Z"));
        Assert.False(Active(shield, "2024-01-06T08:00:00Z"));
    }

    [Theory]
    [InlineData("2024-02-01T03:00:00Z", true)]
    [InlineData("2024-02-15T03:00:00Z", true)]
    [InlineData("2024-02-16T03:00:00Z", false)]
    [InlineData("2024-02-29T03:00:00Z", false)]
    public void Monthly_shield_matches_listed_days(string at, bool expected)
        => Assert.Equal(expected, Active(Shield(new ShieldCycleConfig { Type = 4, BeginTime = "02:00:00", EndTime = "04:00:00", DayList = [1, 15] }), at));

    [Fact]
    public void Days_and_times_are_read_in_the_business_time_zone()
    {
        // 2024-01-01T16:30Z is Monday 16:30 in UTC but Tuesday 00:30 at UTC+8.
        var tuesdayNight = Shield(new ShieldCycleConfig { Type = 3, BeginTime = "00:00:00", EndTime = "01:00:00", WeekList = [2] });
        Assert.True(Active(tuesdayNight, "2024-01-01T16:30:00Z", Shanghai));
        Assert.False(Active(tuesdayNight, "2024-01-01T16:30:00Z", Utc));
    }

    [Fact]
    public void Crossing_midnight_checks_the_weekday_of_the_instant_itself()
    {
        // As bk-monitor: a Monday 22:00-02:00 shield covers Monday early morning, not Tuesday's.
        var monday = Shield(new ShieldCycleConfig { Type = 3, BeginTime = "22:00:00", EndTime = "02:00:00", WeekList = [1] });
        Assert.True(Active(monday, "2024-01-01T23:00:00Z"));
        Assert.True(Active(monday, "2024-01-01T01:00:00Z"));
        Assert.False(Active(monday, "2024-01-02T01:00:00Z"));
    }

    [Theory]
    [InlineData("09:05:03", 32_703)]
    [InlineData("9:5:3", 32_703)]
    [InlineData("23:59:59", 86_399)]
    public void Time_of_day_parses_like_strptime(string text, int seconds)
    {
        Assert.True(ShieldSchedule.TryParseTimeOfDay(text, out var parsed));
        Assert.Equal(seconds, parsed);
    }

    [Theory]
    [InlineData("24:00:00")]
    [InlineData("10:60:00")]
    [InlineData("10:00")]
    [InlineData("")]
    [InlineData("aa:bb:cc")]
    public void Malformed_time_of_day_is_rejected(string text)
        => Assert.False(ShieldSchedule.TryParseTimeOfDay(text, out _));
}
