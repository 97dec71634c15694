using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Detect;

/// <summary>Why one level found a point anomalous.</summary>
public sealed record AnomalyInfo
{
    [JsonPropertyName("anomaly_message")]
    public required string AnomalyMessage { get; init; }

    /// <summary><c>"{dims_md5}.{ts}.{strategy_id}.{item_id}.{level}"</c>.</summary>
    [JsonPropertyName("anomaly_id")]
    public required string AnomalyId { get; init; }

    /// <summary>When the anomaly was detected, epoch seconds (bk-monitor stores the detection wall-clock).</summary>
    [JsonPropertyName("anomaly_time")]
    public long AnomalyTime { get; init; }
}
