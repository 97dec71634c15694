using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Bcs;

/// <summary>A registered BCS cluster as the API shows it: its six data ids and status, no gateway token.</summary>
public sealed record BcsClusterView
{
    [JsonPropertyName("cluster_id")]
    public required string ClusterId { get; init; }

    [JsonPropertyName("tenant_id")]
    public required string TenantId { get; init; }

    [JsonPropertyName("bk_biz_id")]
    public int BkBizId { get; init; }

    [JsonPropertyName("project_id")]
    public required string ProjectId { get; init; }

    /// <summary>RUNNING, DELETED, init_failed, or BCS's own status string.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("is_federated")]
    public bool IsFederated { get; init; }

    /// <summary>Keyed by usage: k8s_metric, custom_metric, k8s_event, custom_event, system_log, custom_log.</summary>
    [JsonPropertyName("data_ids")]
    public IReadOnlyDictionary<string, int> DataIds { get; init; } = new Dictionary<string, int>();

    /// <summary>Why the last DataID resource write failed; empty after a success.</summary>
    [JsonPropertyName("init_errors")]
    public IReadOnlyList<string> InitErrors { get; init; } = [];

    [JsonPropertyName("create_time")]
    public long CreateTime { get; init; }

    [JsonPropertyName("last_modify_time")]
    public long LastModifyTime { get; init; }
}
