using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Alerts;

/// <summary>
/// Filters of <c>GET /api/v1/alerts</c>; null means any. An alert matches the time range when it overlaps it
/// (began before <see cref="EndTime"/> and had not ended before <see cref="StartTime"/>).
/// </summary>
public sealed record AlertQuery
{
    [JsonPropertyName("bk_biz_id")] public long? BkBizId { get; init; }
    [JsonPropertyName("status")] public AlertStatus? Status { get; init; }
    [JsonPropertyName("strategy_id")] public long? StrategyId { get; init; }
    [JsonPropertyName("start_time")] public long? StartTime { get; init; }
    [JsonPropertyName("end_time")] public long? EndTime { get; init; }
    [JsonPropertyName("page")] public int Page { get; init; } = 1;
    [JsonPropertyName("page_size")] public int PageSize { get; init; } = 50;
}

/// <summary>One page of alerts, newest first, and how many match in total.</summary>
public sealed record AlertPage(
    [property: JsonPropertyName("items")] IReadOnlyList<AlertSnapshot> Items,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("page_size")] int PageSize);
