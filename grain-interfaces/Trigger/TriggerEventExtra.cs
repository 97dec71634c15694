using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Trigger;

/// <summary>What trigger knew when it fired: the anomalies that filled the window and the current value.</summary>
public sealed record TriggerEventExtra
{
    [JsonPropertyName("item_id")]
    public long ItemId { get; init; }

    [JsonPropertyName("record_id")]
    public required string RecordId { get; init; }

    /// <summary>The level whose window triggered.</summary>
    [JsonPropertyName("level")]
    public int Level { get; init; }

    /// <summary>The anomalies counted in the window, oldest first (<c>"{dims_md5}.{ts}.{strategy_id}.{item_id}.{level}"</c>).</summary>
    [JsonPropertyName("anomaly_ids")]
    public IReadOnlyList<string> AnomalyIds { get; init; } = [];

    [JsonPropertyName("current_value")]
    public double? CurrentValue { get; init; }

    [JsonPropertyName("values")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, double?>? Values { get; init; }
}
