using BkMonitor.GrainInterfaces.Shields;

namespace BkMonitor.Grains.Shields;

/// <summary>
/// Whether a shield's time applies at an instant (bk-monitor's TimeMatch classes): always inside
/// [begin_time, end_time]; for cycle types 2-4 also inside the daily <c>HH:MM:SS</c> range (which
/// crosses midnight when begin &gt; end), on a listed weekday (Monday = 1) or day of month. Days and
/// times are read in the business's time zone, and the day checked is the day of the instant itself.
/// </summary>
internal static class ShieldSchedule
{
    public static bool IsActive(ShieldConfig shield, DateTimeOffset now, TimeZoneInfo bizZone)
    {
        ArgumentNullException.ThrowIfNull(shield);
        ArgumentNullException.ThrowIfNull(bizZone);
        var ts = now.ToUnixTimeSeconds();
        if (ts < shield.BeginTime || ts > shield.EndTime) return false;

        var cycle = shield.CycleConfig;
        if (cycle is null || cycle.Type is not (ShieldCycleConfig.Daily or ShieldCycleConfig.Weekly or ShieldCycleConfig.Monthly)) return true;

        var local = TimeZoneInfo.ConvertTime(now, bizZone);
        if (!InDailyRange(cycle, local)) return false;
        return cycle.Type switch
        {
            ShieldCycleConfig.Daily => cycle.WeekList.Count == 0 || cycle.WeekList.Contains(IsoWeekday(local)),
            ShieldCycleConfig.Weekly => cycle.WeekList.Contains(IsoWeekday(local)),
            _ => cycle.DayList.Contains(local.Day),
        };
    }

    public static int IsoWeekday(DateTimeOffset local) => local.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)local.DayOfWeek;

    /// <summary>Parses <c>H:M:S</c> (one or two digits each, as Python's strptime does) into seconds of the day.</summary>
    public static bool TryParseTimeOfDay(string? text, out int secondOfDay)
    {
        secondOfDay = 0;
        var parts = text?.Split(':');
        if (parts is not { Length: 3 }) return false;
        if (!TryPart(parts[0], 23, out var h) || !TryPart(parts[1], 59, out var m) || !TryPart(parts[2], 61, out var s)) return false;
        secondOfDay = h * 3600 + m * 60 + Math.Min(s, 59);
        return true;
    }

    // Both ends inclusive, to the second; an unparsable range (rejected at save time) covers the whole day.
    private static bool InDailyRange(ShieldCycleConfig cycle, DateTimeOffset local)
    {
        if (!TryParseTimeOfDay(cycle.BeginTime, out var start) || !TryParseTimeOfDay(cycle.EndTime, out var end)) return true;
        var now = local.Hour * 3600 + local.Minute * 60 + local.Second;
        return start <= end ? start <= now && now <= end : start <= now || now <= end;
    }

    private static bool TryPart(string part, int max, out int value)
    {
        value = 0;
        if (part.Length is 0 or > 2) return false;
        foreach (var c in part)
        {
            if (c is < '0' or > '9') return false;
            value = value * 10 + (c - '0');
        }
        return value <= max;
    }
}
