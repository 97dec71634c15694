using System.Text.Json;
using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Strategies;

/// <summary>One detect algorithm of an item at one level (1 fatal, 2 warning, 3 remind).</summary>
public sealed record AlgorithmConfig
{
    [JsonPropertyName("id")] public long Id { get; init; }

    /// <summary>Algorithm type name, e.g. <c>Threshold</c>.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = "";
    [JsonPropertyName("level")] public int Level { get; init; }

    /// <summary>Type-specific config (Threshold: a list of lists; the others: an object).</summary>
    [JsonPropertyName("config")] public JsonElement Config { get; init; } = StrategyJson.EmptyObject;
    [JsonPropertyName("unit_prefix")] public string UnitPrefix { get; init; } = "";
}
