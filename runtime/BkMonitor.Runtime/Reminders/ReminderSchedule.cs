namespace BkMonitor.Runtime.Reminders;

/// <summary>
/// The tick grid of a reminder: ticks fall on StartAt + n·Period. Ticks that passed without delivery
/// (process down, slow grain, a clock jump) collapse into one tick at the latest grid point, so a
/// reminder is never replayed N times and never loses its grid.
/// </summary>
internal static class ReminderSchedule
{
    /// <summary>The grid time the next tick is due after <paramref name="lastTick"/> (null: nothing delivered yet).</summary>
    public static DateTime NextDue(DateTime startAt, TimeSpan period, DateTime? lastTick)
        => lastTick is null || lastTick.Value < startAt ? startAt : FirstAfter(startAt, period, lastTick.Value);

    /// <summary>The first grid point strictly after <paramref name="time"/>.</summary>
    public static DateTime FirstAfter(DateTime startAt, TimeSpan period, DateTime time)
    {
        if (time < startAt)
        {
            return startAt;
        }
        var periods = ((time - startAt).Ticks / period.Ticks) + 1;
        return startAt.AddTicks(periods * period.Ticks);
    }

    /// <summary>The latest grid point at or before <paramref name="time"/> (StartAt when time is earlier).</summary>
    public static DateTime LatestAtOrBefore(DateTime startAt, TimeSpan period, DateTime time)
    {
        if (time <= startAt)
        {
            return startAt;
        }
        var periods = (time - startAt).Ticks / period.Ticks;
        return startAt.AddTicks(periods * period.Ticks);
    }

    /// <summary>Which tick to deliver at <paramref name="now"/>: the due one when it has come, or null with the time to wait.</summary>
    public static DateTime? TickToDeliver(DateTime startAt, TimeSpan period, DateTime? lastTick, DateTime now, out TimeSpan wait)
    {
        var due = NextDue(startAt, period, lastTick);
        if (due > now)
        {
            wait = due - now;
            return null;
        }
        wait = TimeSpan.Zero;
        return LatestAtOrBefore(startAt, period, now);
    }
}
