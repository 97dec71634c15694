namespace BkMonitor.Grains.Metadata;

/// <summary>The storage cluster types bk-monitor's <c>ClusterInfo</c> knows.</summary>
internal static class ClusterTypes
{
    public const string Elasticsearch = "elasticsearch";
    public const string InfluxDb = "influxdb";
    public const string Kafka = "kafka";
    public const string Redis = "redis";
    public const string VictoriaMetrics = "victoria_metrics";
    public const string Doris = "doris";
    public const string BkData = "bkdata";

    public static IReadOnlyList<string> All { get; } = [Elasticsearch, InfluxDb, Kafka, Redis, VictoriaMetrics, Doris, BkData];
}
