using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Metadata;

/// <summary>A stored cluster, or the field errors that rejected it, or that the id does not exist.</summary>
public sealed record StorageClusterResult
{
    [JsonPropertyName("cluster")]
    public ClusterInfoView? Cluster { get; init; }

    [JsonPropertyName("errors")]
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    [JsonPropertyName("not_found")]
    public bool NotFound { get; init; }
}
