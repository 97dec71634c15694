using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Bcs;

/// <summary>What discovery saw of a cluster: used to register it or bring its record in line.</summary>
public sealed record BcsClusterListing
{
    [JsonPropertyName("tenant_id")]
    public required string TenantId { get; init; }

    [JsonPropertyName("bk_biz_id")]
    public int BkBizId { get; init; }

    [JsonPropertyName("project_id")]
    public required string ProjectId { get; init; }

    [JsonPropertyName("status")]
    public string Status { get; init; } = "RUNNING";

    [JsonPropertyName("is_federated")]
    public bool IsFederated { get; init; }
}
