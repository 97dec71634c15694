using BkMonitor.Grains.Detect;
using BkMonitor.Grains.TimeSeries;

namespace BkMonitor.Grains.Access;

/// <summary>Detect history from the built-in store: one aggregated bucket of the item's query (or expression), every series at once.</summary>
internal sealed class StoreHistoryLoader(TimeSeriesStore store, ItemQueryPlan plan) : IHistoryBucketLoader
{
    public IReadOnlyList<KeyValuePair<string, double>> Load(long bucketTime)
    {
        var buckets = plan.Query(store, bucketTime, bucketTime + plan.AggInterval);
        var values = new KeyValuePair<string, double>[buckets.Count];
        for (var i = 0; i < values.Length; i++)
        {
            // Rounded as access rounds the value it hands to detect.
            values[i] = new(plan.SeriesMd5(buckets[i].Dimensions), PythonRound.Round6(buckets[i].Value));
        }
        return values;
    }
}
