using System.Text.Json.Serialization;
using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Bcs;

/// <summary>
/// The discovery singleton (key <see cref="GlobalKey"/>): on a reminder (and on demand) lists tenants' clusters from
/// the BCS API, registers new ones, refreshes known ones, syncs federation pairs and marks vanished clusters DELETED.
/// </summary>
public interface IBcsDiscoveryGrain : IGrainWithStringKey
{
    public const string GlobalKey = "global";

    Task<BcsDiscoveryReport> DiscoverAsync();

    [AlwaysInterleave]
    Task<IReadOnlyList<string>> ClusterIdsAsync();

    /// <summary>Active (federation proxy, sub-cluster) pairs as <c>fed/sub</c>.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<string>> FederationPairsAsync();
}

/// <summary>What one discovery run did; <see cref="Error"/> set when the BCS API failed (nothing changed then).</summary>
public sealed record BcsDiscoveryReport(
    [property: JsonPropertyName("registered")] IReadOnlyList<string> Registered,
    [property: JsonPropertyName("refreshed")] IReadOnlyList<string> Refreshed,
    [property: JsonPropertyName("deleted")] IReadOnlyList<string> Deleted,
    [property: JsonPropertyName("failed")] IReadOnlyList<string> Failed,
    [property: JsonPropertyName("error")] string? Error);
