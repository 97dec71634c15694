using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Strategies;

/// <summary>
/// One where-condition of a query. Values are kept in their Python <c>str()</c> rendering, which is all
/// matching and hashing ever look at.
/// </summary>
public sealed record AggCondition
{
    [JsonPropertyName("key")] public string Key { get; init; } = "";

    /// <summary>eq | neq | gt | gte | lt | lte | include | exclude | reg | nreg.</summary>
    [JsonPropertyName("method")] public string Method { get; init; } = "eq";
    [JsonPropertyName("value")] public IReadOnlyList<string> Value { get; init; } = [];

    /// <summary>and | or, joining this condition to the previous one; null on the first.</summary>
    [JsonPropertyName("condition")] public string? Condition { get; init; }
}
