namespace BkMonitor.Grains.Alerts;

/// <summary>
/// Read access to detect bookkeeping for one (strategy, item, dimensions, level): the last data time
/// seen and the per-point check results (bk-monitor's LAST_CHECKPOINTS and CHECK_RESULT caches).
/// </summary>
internal interface IDetectResultSource
{
    /// <summary>Time of the latest data point detected for these dimensions and level; null when unknown or expired.</summary>
    long? LastCheckpoint(long strategyId, long itemId, string dimensionsMd5, int level);

    /// <summary>Check results with <c>from &lt;= time &lt;= to</c>, in time order.</summary>
    IReadOnlyList<CheckResultPoint> CheckResults(long strategyId, long itemId, string dimensionsMd5, int level, long from, long to);

    /// <summary>Whether the nodata checker still counts these dimensions as missing (its last-anomaly checkpoint exists).</summary>
    bool IsNoDataOngoing(long strategyId, long itemId, string dimensionsMd5);
}

/// <summary>One detect result: a point's time and whether any algorithm of the level flagged it.</summary>
internal readonly record struct CheckResultPoint(long Time, bool IsAnomaly);
