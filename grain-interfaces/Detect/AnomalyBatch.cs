using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Detect;

/// <summary>The anomalies detect found in one access batch (stream <c>anomaly_detect</c>, keyed by strategy id).</summary>
public sealed record AnomalyBatch
{
    [JsonPropertyName("strategy_id")]
    public long StrategyId { get; init; }

    [JsonPropertyName("version")]
    public long Version { get; init; }

    [JsonPropertyName("anomalies")]
    public IReadOnlyList<AnomalyRecord> Anomalies { get; init; } = [];
}
