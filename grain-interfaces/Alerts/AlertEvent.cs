using System.Text.Json;
using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Alerts;

/// <summary>A cleaned event: the unit the alert builder deduplicates into alerts.</summary>
public sealed record AlertEvent
{
    /// <summary><c>count_md5([plugin_id, event_id, status, time])</c>.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("event_id")]
    public required string EventId { get; init; }

    [JsonPropertyName("plugin_id")]
    public required string PluginId { get; init; }

    [JsonPropertyName("strategy_id")]
    public long? StrategyId { get; init; }

    [JsonPropertyName("bk_biz_id")]
    public long? BkBizId { get; init; }

    [JsonPropertyName("alert_name")]
    public string AlertName { get; init; } = "";

    /// <summary>1 fatal, 2 warning, 3 remind.</summary>
    [JsonPropertyName("severity")]
    public int Severity { get; init; }

    [JsonPropertyName("status")]
    public AlertStatus Status { get; init; }

    [JsonPropertyName("time")]
    public long Time { get; init; }

    [JsonPropertyName("anomaly_time")]
    public long AnomalyTime { get; init; }

    [JsonPropertyName("target_type")]
    public string TargetType { get; init; } = "";

    [JsonPropertyName("target")]
    public string? Target { get; init; }

    /// <summary>The data point's dimensions as detected (bk-monitor's origin_alarm.data.dimensions).</summary>
    [JsonPropertyName("dimensions")]
    public IReadOnlyDictionary<string, string> Dimensions { get; init; } = new Dictionary<string, string>();

    [JsonPropertyName("tags")]
    public IReadOnlyList<AlertTag> Tags { get; init; } = [];

    [JsonPropertyName("dedupe_keys")]
    public IReadOnlyList<string> DedupeKeys { get; init; } = [];

    [JsonPropertyName("dedupe_md5")]
    public required string DedupeMd5 { get; init; }

    [JsonPropertyName("description")]
    public string Description { get; init; } = "";

    /// <summary>The source's extra fields (a JSON object, kept as one document), e.g. trigger's anomaly ids and current value.</summary>
    [JsonPropertyName("extra")]
    public JsonElement? Extra { get; init; }
}
