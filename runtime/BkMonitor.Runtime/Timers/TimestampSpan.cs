namespace BkMonitor.Runtime.Timers;

/// <summary>Converts spans to the units of <see cref="TimeProvider.GetTimestamp"/> of a given clock.</summary>
internal static class TimestampSpan
{
    public static long From(TimeProvider time, TimeSpan span)
    {
        if (span <= TimeSpan.Zero)
        {
            return 0;
        }
        var ticks = span.Ticks * (double)time.TimestampFrequency / TimeSpan.TicksPerSecond;
        return ticks >= long.MaxValue / 2 ? long.MaxValue / 2 : (long)ticks;
    }
}
