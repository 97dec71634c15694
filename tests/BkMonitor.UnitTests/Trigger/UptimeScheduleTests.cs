using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Detect;
using BkMonitor.Grains.Trigger;
using static BkMonitor.UnitTests.Pipeline.PipelineStrategies;

namespace BkMonitor.UnitTests.Trigger;

public sealed class UptimeScheduleTests
{
    private static readonly long Midnight = new DateTimeOffset(2023, 11, 14, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    [Theory]
    [InlineData("09:00", "18:00", "12:00:00", true)]
    [InlineData("09:00", "18:00", "09:00:00", true)]
    [InlineData("09:00", "18:00", "08:59:59", false)]
    [InlineData("09:00", "18:00", "18:00:59", true)] // an HH:MM end covers its minute
    [InlineData("09:00", "18:00", "18:01:00", false)]
    [InlineData("09:00:00", "18:00:00", "18:00:01", false)]
    [InlineData("22:00", "06:00", "23:30:00", true)] // crosses midnight
    [InlineData("22:00", "06:00", "05:59:00", true)]
    [InlineData("22:00", "06:00", "12:00:00", false)]
    public void A_time_range_holds_the_times_of_day_between_start_and_end(string start, string end, string at, bool expected)
    {
        var schedule = UptimeSchedule.From(Uptime((start, end)), TimeZoneInfo.Utc)!;
        Assert.Equal(expected, schedule.Contains(Midnight + (long)TimeSpan.Parse(at, System.Globalization.CultureInfo.InvariantCulture).TotalSeconds));
    }

    [Fact]
    public void Time_ranges_are_read_in_the_business_time_zone()
    {
        var shanghai = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");
        var schedule = UptimeSchedule.From(Uptime(("09:00", "10:00")), shanghai)!;
        Assert.True(schedule.Contains(Midnight + 3600)); // 01:00 UTC is 09:00 in UTC+8
        Assert.False(schedule.Contains(Midnight + 9 * 3600));
    }

    [Fact]
    public void No_time_range_means_always_on()
    {
        Assert.Null(UptimeSchedule.From(null, TimeZoneInfo.Utc));
        Assert.Null(UptimeSchedule.From(new UptimeConfig(), TimeZoneInfo.Utc));
    }

    [Fact]
    public void Anomalies_outside_the_uptime_neither_fill_the_window_nor_alarm()
    {
        // T0 is 22:14 UTC: three fatal anomalies at 22:14, 22:15, 22:16.
        var records = Records([(T0, 95), (T0 + 60, 95), (T0 + 120, 95)]);
        var counts = new TriggerCounts();
        var closed = WithUptime(("08:00", "22:00"), ("22:15", "22:15"));
        var events = new StrategyTrigger(closed, 1, []).Observe(new StrategyDetector(closed, 1).Detect(Batch(records), T0 + 130), T0 + 130, ref counts);
        Assert.Empty(events); // only the 22:15 anomaly counts: 1 of the 3 needed
        Assert.Equal(2, counts.OutOfUptime);

        var open = WithUptime(("22:00", "02:00"));
        var opened = new StrategyTrigger(open, 1, []).Observe(new StrategyDetector(open, 1).Detect(Batch(records), T0 + 130), T0 + 130, ref counts);
        Assert.Equal(AnomalyId("h1", T0 + 120, 7, 1), Assert.Single(opened).Event.EventId);
    }

    private static Strategy WithUptime(params (string Start, string End)[] ranges)
    {
        var strategy = Threshold();
        var detect = strategy.Detects[0];
        return strategy with { Detects = [detect with { TriggerConfig = detect.TriggerConfig with { Uptime = Uptime(ranges) } }] };
    }

    private static UptimeConfig Uptime(params (string Start, string End)[] ranges) =>
        new() { TimeRanges = [.. ranges.Select(r => new UptimeRange { Start = r.Start, End = r.End })] };
}
