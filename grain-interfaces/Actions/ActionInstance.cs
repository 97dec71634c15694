using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Actions;

/// <summary>One execution of an action for an alert and signal (what <c>GET /alerts/{id}/actions</c> lists).</summary>
public sealed record ActionInstance
{
    [JsonPropertyName("id")]
    public long Id { get; init; }

    [JsonPropertyName("alert_id")]
    public string AlertId { get; init; } = "";

    [JsonPropertyName("action_config_id")]
    public int ActionConfigId { get; init; }

    [JsonPropertyName("plugin_type")]
    public string PluginType { get; init; } = "";

    [JsonPropertyName("signal")]
    public string Signal { get; init; } = "";

    /// <summary>One of <see cref="ActionStatus"/>.</summary>
    [JsonPropertyName("status")]
    public string Status { get; init; } = ActionStatus.Received;

    /// <summary>Epoch seconds.</summary>
    [JsonPropertyName("create_time")]
    public long CreateTime { get; init; }

    /// <summary>Epoch seconds; null while the action has not ended.</summary>
    [JsonPropertyName("end_time")]
    public long? EndTime { get; init; }

    /// <summary>Delivery attempts made (HTTP requests for a webhook).</summary>
    [JsonPropertyName("attempts")]
    public int Attempts { get; init; }

    /// <summary>Repeat-notice round this instance belongs to.</summary>
    [JsonPropertyName("execute_times")]
    public int ExecuteTimes { get; init; }

    [JsonPropertyName("failure_reason")]
    public string? FailureReason { get; init; }

    /// <summary>For a notice: the way (channel) of this delivery.</summary>
    [JsonPropertyName("notice_way")]
    public string? NoticeWay { get; init; }

    /// <summary>For a notice: who receives this delivery (user, group robot).</summary>
    [JsonPropertyName("receiver")]
    public string? Receiver { get; init; }

    /// <summary>The converge record this instance was converged into, if any.</summary>
    [JsonPropertyName("converge_id")]
    public long? ConvergeId { get; init; }

    [JsonPropertyName("idempotency_key")]
    public string IdempotencyKey { get; init; } = "";
}
