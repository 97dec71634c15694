using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Detect;

/// <summary>
/// A data point found anomalous by at least one level: the record detect publishes on the
/// <c>anomaly_detect</c> stream and trigger consumes. Keys of <see cref="Anomaly"/> are levels
/// (1 fatal, 2 warning, 3 remind; JSON keys "1".."3").
/// </summary>
public sealed record AnomalyRecord
{
    [JsonPropertyName("strategy_id")]
    public long StrategyId { get; init; }

    [JsonPropertyName("item_id")]
    public long ItemId { get; init; }

    [JsonPropertyName("data")]
    public required DataPointRecord Data { get; init; }

    [JsonPropertyName("anomaly")]
    public required IReadOnlyDictionary<int, AnomalyInfo> Anomaly { get; init; }
}
