namespace BkMonitor.Grains.Nodata;

/// <summary>
/// Which periods a nodata reminder tick checks. On time, a tick checks one <c>check_ts</c> (ALARM-SPEC §5). The
/// runtime collapses ticks it could not deliver (a busy silo, a moved reminder) into one, so a late tick also
/// checks the <c>check_ts</c> of each minute tick it stands for, up to <see cref="MaxCatchUpTicks"/>, after the
/// last period checked: the result does not depend on when the tick ran.
/// </summary>
internal static class NoDataSchedule
{
    public const int TickSeconds = 60;

    public const int MaxCatchUpTicks = 10;

    /// <summary>The check times due at <paramref name="now"/>, oldest first; empty when the current one was checked.</summary>
    public static List<long> DueChecks(long? lastCheckTime, int aggInterval, long now)
    {
        var due = new List<long>();
        for (var tick = 0; tick < MaxCatchUpTicks; tick++)
        {
            var checkTime = NoDataChecker.CheckTime(now - (long)tick * TickSeconds, aggInterval);
            if (lastCheckTime is { } last && checkTime <= last) break;
            if (due.Count == 0 || due[^1] != checkTime) due.Add(checkTime);
            if (lastCheckTime is null) break;
        }
        due.Reverse();
        return due;
    }

    /// <summary>
    /// The last period a fresh inbox (a new activation, or nodata just enabled) may treat as checked: data of the
    /// periods up to now may have been forwarded before the inbox existed, so checking them would report data it
    /// never saw as missing.
    /// </summary>
    public static long BlindUntil(long now, int aggInterval) => NoDataChecker.CheckTime(now, aggInterval) + aggInterval;
}
