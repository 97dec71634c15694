using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Alerts;

/// <summary>One alert dimension (a non-default dedupe key and its value), as in bk-monitor's alert document.</summary>
public sealed record AlertDimension
{
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    [JsonPropertyName("value")]
    public string? Value { get; init; }

    [JsonPropertyName("display_key")]
    public string? DisplayKey { get; init; }

    [JsonPropertyName("display_value")]
    public string? DisplayValue { get; init; }
}
