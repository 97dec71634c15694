using System.Globalization;
using BkMonitor.GrainInterfaces.Strategies;

namespace BkMonitor.Grains.Trigger;

/// <summary>
/// When a level may alarm (<c>trigger_config.uptime.time_ranges</c>): times of day in the business time zone,
/// <c>start &lt;= t &lt;= end</c>, a range whose start is after its end crossing midnight. An end given as
/// <c>HH:MM</c> covers its whole minute (bk-monitor compares minute strings). No ranges: always. Judged on the data
/// time of the anomaly, so a pushed backfill is judged as when it happened.
/// </summary>
internal sealed class UptimeSchedule
{
    private readonly (int Start, int End)[] _ranges;
    private readonly TimeZoneInfo _zone;

    private UptimeSchedule((int Start, int End)[] ranges, TimeZoneInfo zone)
    {
        _ranges = ranges;
        _zone = zone;
    }

    /// <summary>The schedule of <paramref name="config"/>; null when it has no time range (the level is always on).</summary>
    public static UptimeSchedule? From(UptimeConfig? config, TimeZoneInfo zone)
    {
        if (config is not { TimeRanges.Count: > 0 }) return null;
        var ranges = new (int, int)[config.TimeRanges.Count];
        for (var i = 0; i < ranges.Length; i++)
        {
            var range = config.TimeRanges[i];
            ranges[i] = (SecondOfDay(range.Start, endOfMinute: false), SecondOfDay(range.End, endOfMinute: true));
        }
        return new UptimeSchedule(ranges, zone);
    }

    public bool Contains(long epochSeconds)
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(epochSeconds), _zone);
        var t = (int)local.TimeOfDay.TotalSeconds;
        foreach (var (start, end) in _ranges)
        {
            if (start <= end ? start <= t && t <= end : t >= start || t <= end) return true;
        }
        return false;
    }

    private static int SecondOfDay(string clock, bool endOfMinute)
    {
        var parts = clock.Split(':');
        if (parts.Length is < 2 or > 3)
        {
            throw new ArgumentException($"uptime time '{clock}' is not HH:MM or HH:MM:SS", nameof(clock));
        }
        var seconds = int.Parse(parts[0], CultureInfo.InvariantCulture) * 3600 + int.Parse(parts[1], CultureInfo.InvariantCulture) * 60;
        return parts.Length == 3 ? seconds + int.Parse(parts[2], CultureInfo.InvariantCulture) : seconds + (endOfMinute ? 59 : 0);
    }
}
