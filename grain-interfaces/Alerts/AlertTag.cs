using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Alerts;

/// <summary>One event tag (a dimension left after target extraction), as in bk-monitor's event document.</summary>
public sealed record AlertTag
{
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    [JsonPropertyName("value")]
    public string? Value { get; init; }

    [JsonPropertyName("display_key")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DisplayKey { get; init; }

    [JsonPropertyName("display_value")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DisplayValue { get; init; }
}
