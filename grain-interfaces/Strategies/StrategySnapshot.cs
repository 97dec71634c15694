using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Strategies;

/// <summary>A stored strategy with its config version (incremented by every save).</summary>
public sealed record StrategySnapshot(
    [property: JsonPropertyName("strategy")] Strategy Strategy,
    [property: JsonPropertyName("version")] long Version);
