using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Trigger;

/// <summary>
/// An abnormal event produced when a trigger window fills: the record trigger publishes on the
/// <c>alert_event</c> stream for the alert builder (field names as bk-monitor's monitor event).
/// </summary>
public sealed record TriggerEvent
{
    public const string MonitorPluginId = "bkmonitor";
    public const string AbnormalStatus = "ABNORMAL";

    /// <summary>The anomaly_id of the triggered level for this point.</summary>
    [JsonPropertyName("event_id")]
    public required string EventId { get; init; }

    [JsonPropertyName("plugin_id")]
    public string PluginId { get; init; } = MonitorPluginId;

    [JsonPropertyName("strategy_id")]
    public long StrategyId { get; init; }

    [JsonPropertyName("bk_biz_id")]
    public long BkBizId { get; init; }

    /// <summary>The strategy name, prefixed "[无数据] " for nodata events.</summary>
    [JsonPropertyName("alert_name")]
    public required string AlertName { get; init; }

    /// <summary>1 fatal, 2 warning, 3 remind: the triggered level.</summary>
    [JsonPropertyName("severity")]
    public int Severity { get; init; }

    [JsonPropertyName("status")]
    public string Status { get; init; } = AbnormalStatus;

    /// <summary>The data time of the point that triggered, epoch seconds.</summary>
    [JsonPropertyName("time")]
    public long Time { get; init; }

    /// <summary>The data time of the first anomaly in the window, epoch seconds.</summary>
    [JsonPropertyName("anomaly_time")]
    public long AnomalyTime { get; init; }

    /// <summary>HOST, SERVICE, TOPO, K8S-POD/NODE/SERVICE/WORKLOAD, or "" when the dimensions name no target.</summary>
    [JsonPropertyName("target_type")]
    public string TargetType { get; init; } = "";

    [JsonPropertyName("target")]
    public string? Target { get; init; }

    /// <summary>The data point's full dimensions.</summary>
    [JsonPropertyName("dimensions")]
    public IReadOnlyDictionary<string, string> Dimensions { get; init; } = new Dictionary<string, string>();

    [JsonPropertyName("tags")]
    public IReadOnlyList<EventTag> Tags { get; init; } = [];

    /// <summary><c>"tags.&lt;dim&gt;"</c> for every tag; the alert builder prepends strategy_id, target_type, target, bk_biz_id.</summary>
    [JsonPropertyName("dedupe_keys")]
    public IReadOnlyList<string> DedupeKeys { get; init; } = [];

    /// <summary>The triggered level's anomaly message.</summary>
    [JsonPropertyName("description")]
    public string Description { get; init; } = "";

    [JsonPropertyName("metric")]
    public IReadOnlyList<string> Metric { get; init; } = [];

    /// <summary>The strategy's scenario (os, host_process, …).</summary>
    [JsonPropertyName("category")]
    public string Category { get; init; } = "";

    [JsonPropertyName("data_type")]
    public string DataType { get; init; } = "";

    [JsonPropertyName("bk_ingest_time")]
    public long BkIngestTime { get; init; }

    [JsonPropertyName("bk_clean_time")]
    public long BkCleanTime { get; init; }

    [JsonPropertyName("extra")]
    public required TriggerEventExtra Extra { get; init; }
}
