namespace BkMonitor.Grains.Detect;

/// <summary>Loads one bucket of an item's history for every series at once (one query, not one per point).</summary>
internal interface IHistoryBucketLoader
{
    /// <summary>Every series' value at <paramref name="bucketTime"/>, keyed by series key (the dimensions md5).</summary>
    IReadOnlyList<KeyValuePair<string, double>> Load(long bucketTime);
}
