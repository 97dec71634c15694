using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Trigger;

/// <summary>A dimension left on the event after target extraction (searchable, part of the dedupe key).</summary>
public sealed record EventTag
{
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    [JsonPropertyName("value")]
    public string? Value { get; init; }
}
