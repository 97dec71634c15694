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

    /// <summary>Registers one cluster by hand (REST) and keeps it in the registry discovery maintains.</summary>
    Task<BcsClusterResult> RegisterAsync(string clusterId, BcsClusterListing listing);

    /// <summary>Rewrites the DataID resources of every running (or init_failed) cluster; returns the ids it went through.</summary>
    Task<IReadOnlyList<string>> ReapplyResourcesAsync();

    [AlwaysInterleave]
    Task<IReadOnlyList<string>> ClusterIdsAsync();

    /// <summary>Active (federation proxy, sub-cluster) pairs as <c>fed/sub</c>.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<string>> FederationPairsAsync();

    /// <summary>Every stored federation pair with its namespaces, the deleted ones included.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<BcsFederationPair>> FederationAsync();
}

/// <summary>A (federation proxy, sub-cluster) pair as synced from BCS; soft-deleted once it vanished from the topology.</summary>
public sealed record BcsFederationPair(
    [property: JsonPropertyName("tenant_id")] string TenantId,
    [property: JsonPropertyName("fed_cluster_id")] string FedClusterId,
    [property: JsonPropertyName("host_cluster_id")] string HostClusterId,
    [property: JsonPropertyName("sub_cluster_id")] string SubClusterId,
    [property: JsonPropertyName("namespaces")] IReadOnlyList<string> Namespaces,
    [property: JsonPropertyName("is_deleted")] bool IsDeleted);

/// <summary>What one discovery run did; <see cref="Error"/> set when the BCS API failed (nothing changed then).</summary>
public sealed record BcsDiscoveryReport(
    [property: JsonPropertyName("registered")] IReadOnlyList<string> Registered,
    [property: JsonPropertyName("refreshed")] IReadOnlyList<string> Refreshed,
    [property: JsonPropertyName("deleted")] IReadOnlyList<string> Deleted,
    [property: JsonPropertyName("failed")] IReadOnlyList<string> Failed,
    [property: JsonPropertyName("error")] string? Error);
