namespace BkMonitor.Grains.Nodata;

/// <summary>
/// A nodata anomaly, shaped like a detect anomaly: <c>record_id = "{dims_md5}.{ts}"</c>,
/// <c>anomaly_id = "{dims_md5}.{ts}.{strategy_id}.{item_id}.{level}"</c>; dimensions carry
/// <c>__NO_DATA_DIMENSION__: true</c>. The value is always null.
/// </summary>
internal sealed record NoDataAnomaly(
    string RecordId,
    IReadOnlyDictionary<string, object?> Dimensions,
    string DimensionsMd5,
    long Time,
    int Level,
    string AnomalyId,
    string AnomalyMessage,
    long AnomalyTime);

/// <summary>A check result to record for the trigger's window count (anomalous when the set had no data).</summary>
internal readonly record struct NoDataCheckPoint(string DimensionsMd5, long Time, int Level, bool IsAnomaly);

internal sealed record NoDataCheckResult(
    IReadOnlyList<NoDataAnomaly> Anomalies,
    IReadOnlyList<NoDataCheckPoint> CheckPoints,
    bool Skipped = false)
{
    public static NoDataCheckResult AlreadyChecked { get; } = new([], [], true);
}
