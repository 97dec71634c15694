using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Metadata;

/// <summary>A data source (bk-monitor <c>DataSource</c>): one data id, its cleaning config and the result tables it feeds.</summary>
public sealed record DataSourceInfo
{
    [JsonPropertyName("bk_data_id")]
    public required int BkDataId { get; init; }

    [JsonPropertyName("data_name")]
    public required string DataName { get; init; }

    [JsonPropertyName("etl_config")]
    public required string EtlConfig { get; init; }

    [JsonPropertyName("source_label")]
    public required string SourceLabel { get; init; }

    [JsonPropertyName("type_label")]
    public required string TypeLabel { get; init; }

    [JsonPropertyName("access_token")]
    public required string AccessToken { get; init; }

    [JsonPropertyName("is_system")]
    public bool IsSystem { get; init; }

    [JsonPropertyName("is_enabled")]
    public bool IsEnabled { get; init; } = true;

    [JsonPropertyName("bk_biz_id")]
    public required int BkBizId { get; init; }

    [JsonPropertyName("space_uid")]
    public string? SpaceUid { get; init; }

    [JsonPropertyName("result_tables")]
    public IReadOnlyList<ResultTableInfo> ResultTables { get; init; } = [];

    [JsonPropertyName("create_time")]
    public long CreateTime { get; init; }

    [JsonPropertyName("update_time")]
    public long UpdateTime { get; init; }
}
