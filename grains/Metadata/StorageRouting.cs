namespace BkMonitor.Grains.Metadata;

/// <summary>Which storage cluster type holds a result table of each data type (bk-monitor defaults: metrics in InfluxDB, events and logs in Elasticsearch).</summary>
internal static class StorageRouting
{
    public static string ClusterTypeFor(string typeLabel) =>
        typeLabel == EtlConfigs.TimeSeries ? ClusterTypes.InfluxDb : ClusterTypes.Elasticsearch;
}
