using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Access;

/// <summary>What an access run did: points read from the source and records handed to detect.</summary>
public sealed record AccessRunResult(
    [property: JsonPropertyName("points")] int Points,
    [property: JsonPropertyName("records")] int Records)
{
    public static AccessRunResult Nothing { get; } = new(0, 0);
}
