using BkMonitor.GrainInterfaces.Metadata;
using BkMonitor.Runtime;

namespace BkMonitor.Grains.Metadata;

/// <summary>The storage cluster singleton over <see cref="ClusterRegistry"/>; a rejected change leaves the stored state untouched.</summary>
internal sealed class StorageClusterRegistryGrain : Grain, IStorageClusterRegistryGrain
{
    private readonly IPersistentState<ClusterRegistryState> _state;
    private readonly ISecretProtector _protector;

    public StorageClusterRegistryGrain(
        [PersistentState("storageclusters")] IPersistentState<ClusterRegistryState> state, ISecretProtector protector)
    {
        _state = state;
        _protector = protector;
    }

    public Task<StorageClusterResult> RegisterAsync(ClusterInfo cluster) => ChangeAsync(registry => registry.Register(cluster, Now));

    public Task<StorageClusterResult> UpdateAsync(int clusterId, ClusterInfo cluster) =>
        Registry().Find(clusterId) is null
            ? Task.FromResult(new StorageClusterResult { NotFound = true })
            : ChangeAsync(registry => registry.Update(clusterId, cluster, Now));

    public async Task<bool> DeleteAsync(int clusterId)
    {
        var copy = Copy(_state.State);
        if (!new ClusterRegistry(copy, _protector).Remove(clusterId)) return false;
        await CommitAsync(copy);
        return true;
    }

    public Task<ClusterInfoView?> GetAsync(int clusterId) => Task.FromResult(Registry().Find(clusterId));

    public Task<IReadOnlyList<ClusterInfoView>> ListAsync(string? clusterType) => Task.FromResult(Registry().List(clusterType));

    public Task<ClusterInfoView?> DefaultOfAsync(string clusterType) => Task.FromResult(Registry().DefaultOf(clusterType));

    private long Now => TimeProvider.GetUtcNow().ToUnixTimeSeconds();

    private ClusterRegistry Registry() => new(_state.State, _protector);

    // Changes apply to a copy that replaces the state only once validated and written.
    private async Task<StorageClusterResult> ChangeAsync(Func<ClusterRegistry, ClusterInfoView> change)
    {
        var copy = Copy(_state.State);
        ClusterInfoView view;
        try
        {
            view = change(new ClusterRegistry(copy, _protector));
        }
        catch (ClusterValidationException e)
        {
            return new StorageClusterResult { Errors = e.Errors.ToDictionary(k => k.Key, k => k.Value.ToArray(), StringComparer.Ordinal) };
        }
        await CommitAsync(copy);
        return new StorageClusterResult { Cluster = view };
    }

    private async Task CommitAsync(ClusterRegistryState next)
    {
        var previous = _state.State;
        _state.State = next;
        try
        {
            await _state.WriteStateAsync();
        }
        catch
        {
            _state.State = previous;
            throw;
        }
    }

    private static ClusterRegistryState Copy(ClusterRegistryState state) => new() { NextClusterId = state.NextClusterId, Clusters = [.. state.Clusters] };
}
