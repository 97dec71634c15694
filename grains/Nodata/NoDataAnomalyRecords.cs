using BkMonitor.GrainInterfaces.Detect;
using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Nodata;

/// <summary>
/// A nodata anomaly as the record detect would publish on <c>anomaly_detect</c>, so it takes the same trigger path:
/// no value, the dimensions with <c>__NO_DATA_DIMENSION__</c> (Python's <c>"True"</c>, which count_md5 hashes like
/// <c>True</c>), and one anomaly at the nodata level.
/// </summary>
internal static class NoDataAnomalyRecords
{
    public static AnomalyRecord From(long strategyId, long itemId, NoDataAnomaly anomaly)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        var dimensions = new Dictionary<string, string>(anomaly.Dimensions.Count);
        foreach (var (key, value) in anomaly.Dimensions) dimensions[key] = PythonStr.Of(value);
        return new AnomalyRecord
        {
            StrategyId = strategyId,
            ItemId = itemId,
            Data = new DataPointRecord { RecordId = anomaly.RecordId, Value = null, Dimensions = dimensions, Time = anomaly.Time },
            Anomaly = new Dictionary<int, AnomalyInfo>
            {
                [anomaly.Level] = new AnomalyInfo
                {
                    AnomalyMessage = anomaly.AnomalyMessage,
                    AnomalyId = anomaly.AnomalyId,
                    AnomalyTime = anomaly.AnomalyTime,
                },
            },
        };
    }
}
