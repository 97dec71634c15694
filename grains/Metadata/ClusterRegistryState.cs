using System.Text.Json.Serialization;
using BkMonitor.GrainInterfaces.Metadata;

namespace BkMonitor.Grains.Metadata;

/// <summary>
/// Persisted storage clusters. Stored records hold secrets (password, SSL key) only in protected form,
/// as produced by <see cref="ISecretProtector"/>.
/// </summary>
internal sealed class ClusterRegistryState
{
    [JsonPropertyName("next_cluster_id")]
    public int NextClusterId { get; set; } = 1;

    [JsonPropertyName("clusters")]
    public List<ClusterInfo> Clusters { get; set; } = [];
}
