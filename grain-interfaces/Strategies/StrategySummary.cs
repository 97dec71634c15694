using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Strategies;

/// <summary>What the strategy index keeps per strategy.</summary>
public sealed record StrategySummary
{
    [JsonPropertyName("id")] public long Id { get; init; }
    [JsonPropertyName("bk_biz_id")] public long BkBizId { get; init; }
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("update_time")] public long UpdateTime { get; init; }
}

/// <summary>One page of strategy ids and the number of strategies matching the query.</summary>
public sealed record StrategyIdPage(
    [property: JsonPropertyName("ids")] IReadOnlyList<long> Ids,
    [property: JsonPropertyName("total")] int Total);
