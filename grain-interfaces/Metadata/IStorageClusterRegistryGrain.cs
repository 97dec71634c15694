using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Metadata;

/// <summary>
/// The storage clusters (key <see cref="GlobalKey"/>): CRUD, one default per type, secrets encrypted at rest
/// and never returned.
/// </summary>
public interface IStorageClusterRegistryGrain : IGrainWithStringKey
{
    public const string GlobalKey = "global";

    Task<StorageClusterResult> RegisterAsync(ClusterInfo cluster);

    /// <summary>Replaces the settings; a null password or SSL key keeps the stored one.</summary>
    Task<StorageClusterResult> UpdateAsync(int clusterId, ClusterInfo cluster);

    Task<bool> DeleteAsync(int clusterId);

    [AlwaysInterleave]
    Task<ClusterInfoView?> GetAsync(int clusterId);

    [AlwaysInterleave]
    Task<IReadOnlyList<ClusterInfoView>> ListAsync(string? clusterType);

    /// <summary>The default cluster of a type, where new result tables of that storage go; null when none is set.</summary>
    [AlwaysInterleave]
    Task<ClusterInfoView?> DefaultOfAsync(string clusterType);
}
