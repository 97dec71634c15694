using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Metadata;

/// <summary>An allocated data id, or the request's field errors, or why the range is exhausted.</summary>
public sealed record DataIdAllocation
{
    [JsonPropertyName("bk_data_id")]
    public int? BkDataId { get; init; }

    [JsonPropertyName("errors")]
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    /// <summary>Set when no id is left in the user range.</summary>
    [JsonPropertyName("exhausted")]
    public string? Exhausted { get; init; }
}
