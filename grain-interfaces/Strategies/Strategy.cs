using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Strategies;

/// <summary>An alarm strategy as bk-monitor defines it: what to query, how to detect, whom to notify.</summary>
public sealed record Strategy
{
    [JsonPropertyName("id")] public long Id { get; init; }
    [JsonPropertyName("bk_biz_id")] public long BkBizId { get; init; }
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("scenario")] public string Scenario { get; init; } = "";
    [JsonPropertyName("type")] public string Type { get; init; } = "monitor";
    [JsonPropertyName("is_enabled")] public bool IsEnabled { get; init; } = true;
    [JsonPropertyName("labels")] public IReadOnlyList<string> Labels { get; init; } = [];
    [JsonPropertyName("priority")] public int? Priority { get; init; }
    [JsonPropertyName("priority_group_key")] public string? PriorityGroupKey { get; init; }
    [JsonPropertyName("items")] public IReadOnlyList<StrategyItem> Items { get; init; } = [];
    [JsonPropertyName("detects")] public IReadOnlyList<Detect> Detects { get; init; } = [];
    [JsonPropertyName("notice")] public NoticeRelation? Notice { get; init; }
    [JsonPropertyName("actions")] public IReadOnlyList<ActionRelation> Actions { get; init; } = [];

    /// <summary>Epoch seconds.</summary>
    [JsonPropertyName("create_time")] public long CreateTime { get; init; }

    /// <summary>Epoch seconds.</summary>
    [JsonPropertyName("update_time")] public long UpdateTime { get; init; }
}
