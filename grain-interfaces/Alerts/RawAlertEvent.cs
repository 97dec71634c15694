using System.Text.Json;
using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Alerts;

/// <summary>An event as produced by trigger or an external source, before cleaning (loosely typed on purpose).</summary>
public sealed record RawAlertEvent
{
    [JsonPropertyName("event_id")]
    public string? EventId { get; init; }

    [JsonPropertyName("plugin_id")]
    public string? PluginId { get; init; }

    [JsonPropertyName("strategy_id")]
    public long? StrategyId { get; init; }

    [JsonPropertyName("bk_biz_id")]
    public long? BkBizId { get; init; }

    [JsonPropertyName("alert_name")]
    public string? AlertName { get; init; }

    /// <summary>Anything <c>int()</c> accepts in Python: a number or a numeric string.</summary>
    [JsonPropertyName("severity")]
    public JsonElement? Severity { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("time")]
    public long? Time { get; init; }

    [JsonPropertyName("bk_ingest_time")]
    public long? BkIngestTime { get; init; }

    [JsonPropertyName("anomaly_time")]
    public long? AnomalyTime { get; init; }

    [JsonPropertyName("target_type")]
    public string? TargetType { get; init; }

    [JsonPropertyName("target")]
    public string? Target { get; init; }

    [JsonPropertyName("dimensions")]
    public IReadOnlyDictionary<string, string>? Dimensions { get; init; }

    [JsonPropertyName("tags")]
    public IReadOnlyList<AlertTag>? Tags { get; init; }

    [JsonPropertyName("dedupe_keys")]
    public IReadOnlyList<string>? DedupeKeys { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Extra fields of the source: a JSON object (anything else is rejected by cleaning).</summary>
    [JsonPropertyName("extra")]
    public JsonElement? Extra { get; init; }
}
