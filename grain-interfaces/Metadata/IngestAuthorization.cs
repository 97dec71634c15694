using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Metadata;

/// <summary>The answer to an ingest token check.</summary>
public sealed record IngestAuthorization
{
    [JsonPropertyName("status")]
    public IngestAuthorizationStatus Status { get; init; }

    [JsonPropertyName("result_table_id")]
    public string? ResultTableId { get; init; }

    [JsonPropertyName("bk_biz_id")]
    public int BkBizId { get; init; }
}

/// <summary>
/// Granted; UnknownDataId: no such data source; Denied: wrong token; Disabled: the data source is off;
/// NotTimeSeries: the data source carries events or logs, not custom time series.
/// </summary>
public enum IngestAuthorizationStatus
{
    Granted,
    UnknownDataId,
    Denied,
    Disabled,
    NotTimeSeries,
}
