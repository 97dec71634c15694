namespace BkMonitor.Grains.Alerts;

/// <summary>How often the manager checks an open alert: faster for strategies with short periods.</summary>
internal static class AlertCheckCadence
{
    public const int DefaultIntervalSeconds = 60;

    /// <param name="minAggInterval">The strategy's smallest agg_interval; null for alerts without a strategy.</param>
    public static int IntervalSeconds(int? minAggInterval) => minAggInterval switch
    {
        null => DefaultIntervalSeconds,
        < 30 => 15,
        < 60 => 30,
        _ => DefaultIntervalSeconds,
    };
}
