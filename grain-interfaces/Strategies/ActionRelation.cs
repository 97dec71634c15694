using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Strategies;

/// <summary>An action (webhook, job, …) the strategy runs on the given signals.</summary>
public sealed record ActionRelation
{
    [JsonPropertyName("id")] public long Id { get; init; }
    [JsonPropertyName("config_id")] public long ConfigId { get; init; }
    [JsonPropertyName("user_groups")] public IReadOnlyList<long> UserGroups { get; init; } = [];
    [JsonPropertyName("signal")] public IReadOnlyList<string> Signal { get; init; } = [];
    [JsonPropertyName("options")] public RelationOptions Options { get; init; } = new();
}
