using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Metadata;

/// <summary>Request to create a custom data source; fields are nullable so a missing one is reported by name.</summary>
public sealed record CreateDataSourceRequest
{
    [JsonPropertyName("bk_biz_id")]
    public int? BkBizId { get; init; }

    [JsonPropertyName("data_name")]
    public string? DataName { get; init; }

    [JsonPropertyName("etl_config")]
    public string? EtlConfig { get; init; }

    [JsonPropertyName("data_type_label")]
    public string? DataTypeLabel { get; init; }
}
