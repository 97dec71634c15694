using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Alerts;

/// <summary>An alert as <c>GET /api/v1/alerts/{id}</c> returns it (bk-monitor's alert document, trimmed).</summary>
public sealed record AlertSnapshot
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("strategy_id")]
    public long? StrategyId { get; init; }

    [JsonPropertyName("bk_biz_id")]
    public long BkBizId { get; init; }

    [JsonPropertyName("alert_name")]
    public string AlertName { get; init; } = "";

    [JsonPropertyName("severity")]
    public int Severity { get; init; }

    [JsonPropertyName("status")]
    public AlertStatus Status { get; init; }

    [JsonPropertyName("dimensions")]
    public IReadOnlyList<AlertDimension> Dimensions { get; init; } = [];

    [JsonPropertyName("dedupe_md5")]
    public required string DedupeMd5 { get; init; }

    [JsonPropertyName("begin_time")]
    public long BeginTime { get; init; }

    [JsonPropertyName("latest_time")]
    public long LatestTime { get; init; }

    [JsonPropertyName("end_time")]
    public long? EndTime { get; init; }

    [JsonPropertyName("first_anomaly_time")]
    public long FirstAnomalyTime { get; init; }

    /// <summary>Seconds; never below 60.</summary>
    [JsonPropertyName("duration")]
    public long Duration { get; init; }

    [JsonPropertyName("is_shielded")]
    public bool IsShielded { get; init; }

    [JsonPropertyName("is_blocked")]
    public bool IsBlocked { get; init; }

    [JsonPropertyName("is_ack")]
    public bool IsAck { get; init; }

    [JsonPropertyName("event_count")]
    public int EventCount { get; init; }

    [JsonPropertyName("update_time")]
    public long UpdateTime { get; init; }

    /// <summary>Bumped by every persisted change of the alert: the alert index keeps the highest version it has seen.</summary>
    [JsonPropertyName("version")]
    public long Version { get; init; }

    /// <summary>The alert's top (representative) event, as bk-monitor's alert document embeds it.</summary>
    [JsonPropertyName("event")]
    public required AlertEvent Event { get; init; }
}
