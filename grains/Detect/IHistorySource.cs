namespace BkMonitor.Grains.Detect;

/// <summary>
/// Past values of one strategy item's series, addressed by the series key (the dimensions md5,
/// the part of a record_id before the dot) and the data timestamp (epoch seconds).
/// </summary>
public interface IHistorySource
{
    bool TryGetValue(string seriesKey, long timestamp, out double value);
}
