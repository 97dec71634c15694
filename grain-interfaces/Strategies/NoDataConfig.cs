using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Strategies;

/// <summary>Nodata alarm rule of an item: alarm after <c>continuous</c> periods without data.</summary>
public sealed record NoDataConfig
{
    [JsonPropertyName("is_enabled")] public bool IsEnabled { get; init; }
    [JsonPropertyName("continuous")] public int Continuous { get; init; } = 5;
    [JsonPropertyName("level")] public int Level { get; init; } = 2;
    [JsonPropertyName("agg_dimension")] public IReadOnlyList<string> AggDimension { get; init; } = [];
}
