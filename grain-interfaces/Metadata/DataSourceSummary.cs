using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Metadata;

/// <summary>A data source as listed (no token): what the catalog indexes per bk_biz_id.</summary>
public sealed record DataSourceSummary
{
    [JsonPropertyName("bk_data_id")]
    public required int BkDataId { get; init; }

    [JsonPropertyName("data_name")]
    public required string DataName { get; init; }

    [JsonPropertyName("bk_biz_id")]
    public required int BkBizId { get; init; }

    [JsonPropertyName("etl_config")]
    public required string EtlConfig { get; init; }

    [JsonPropertyName("type_label")]
    public required string TypeLabel { get; init; }

    [JsonPropertyName("is_system")]
    public bool IsSystem { get; init; }

    [JsonPropertyName("is_enabled")]
    public bool IsEnabled { get; init; }

    [JsonPropertyName("result_table_ids")]
    public IReadOnlyList<string> ResultTableIds { get; init; } = [];

    [JsonPropertyName("create_time")]
    public long CreateTime { get; init; }

    [JsonPropertyName("update_time")]
    public long UpdateTime { get; init; }

    public static DataSourceSummary Of(DataSourceInfo info) => new()
    {
        BkDataId = info.BkDataId,
        DataName = info.DataName,
        BkBizId = info.BkBizId,
        EtlConfig = info.EtlConfig,
        TypeLabel = info.TypeLabel,
        IsSystem = info.IsSystem,
        IsEnabled = info.IsEnabled,
        ResultTableIds = [.. info.ResultTables.Select(t => t.TableId)],
        CreateTime = info.CreateTime,
        UpdateTime = info.UpdateTime,
    };
}

/// <summary>One page of data sources, ascending by id, with how many match in total.</summary>
public sealed record DataSourcePage(
    [property: JsonPropertyName("items")] IReadOnlyList<DataSourceSummary> Items,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("page_size")] int PageSize);
