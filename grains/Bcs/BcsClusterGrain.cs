using BkMonitor.GrainInterfaces.Bcs;
using BkMonitor.GrainInterfaces.Metadata;
using BkMonitor.Grains.Bcs.Clients;
using BkMonitor.Runtime;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Bcs;

/// <summary>
/// One BCS cluster: register creates its six data sources (ids from the allocator) then writes the DataID
/// resources; a failed write parks it in init_failed until discovery retries.
/// </summary>
internal sealed class BcsClusterGrain : Grain, IBcsClusterGrain
{
    private readonly IPersistentState<BcsClusterGrainState> _state;
    private readonly BcsSettings _settings;
    private readonly ILogger<BcsClusterGrain> _logger;

    public BcsClusterGrain([PersistentState("bcscluster")] IPersistentState<BcsClusterGrainState> state, BcsSettings settings, ILogger<BcsClusterGrain> logger)
    {
        _state = state;
        _settings = settings;
        _logger = logger;
    }

    private string ClusterId => this.GetPrimaryKeyString();

    private long Now => TimeProvider.GetUtcNow().ToUnixTimeSeconds();

    public async Task<BcsClusterResult> RegisterAsync(BcsClusterListing listing)
    {
        if (BcsRegistration.ValidateClusterId(ClusterId) is { } invalid) return new BcsClusterResult(null, invalid);
        if (_state.State.Cluster is not null) return new BcsClusterResult(null, new BcsClusterAlreadyRegisteredException(ClusterId).Message, IsDuplicate: true);

        var dataIds = new Dictionary<BcsDataSourceKind, int>();
        foreach (var spec in BcsDataSourceSpec.All)
        {
            var request = new CreateDataSourceRequest
            {
                BkBizId = listing.BkBizId, DataName = spec.DataNameFor(ClusterId), EtlConfig = spec.EtlConfig, DataTypeLabel = spec.TypeLabel,
            };
            var allocation = await GrainFactory.GetGrain<IDataIdAllocatorGrain>(IDataIdAllocatorGrain.GlobalKey).AllocateAsync(request);
            if (allocation.BkDataId is not { } id)
            {
                return new BcsClusterResult(null, allocation.Exhausted ?? string.Join("; ", allocation.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
            }
            await GrainFactory.GetGrain<IDataSourceGrain>(id).CreatePlatformAsync(request, spec.IsSystem);
            dataIds[spec.Kind] = id;
        }
        var cluster = BcsRegistration.Register(
            new BcsRegisterRequest(listing.TenantId, ClusterId, listing.BkBizId, listing.ProjectId), _ => false, _settings.Gateway, dataIds, Now);
        _state.State.Cluster = cluster;
        _state.State.IsFederated = listing.IsFederated;
        await _state.WriteStateAsync();
        await InitResourcesAsync();
        return new BcsClusterResult(View(), null);
    }

    public async Task<BcsClusterView?> RefreshAsync(BcsClusterListing listing)
    {
        if (_state.State.Cluster is null) return null;
        _state.State.IsFederated = listing.IsFederated;
        if (_state.State.Cluster.Status == BcsClusterStatus.InitFailed) await InitResourcesAsync();
        var listed = new BcsListedCluster(ClusterId, ClusterId, listing.ProjectId, listing.BkBizId, listing.Status);
        var (updated, changes) = BcsRegistration.ApplyRefresh(_state.State.Cluster!, listed, _settings.Gateway.Token, Now);
        if (changes.HasChanges)
        {
            _logger.LogInformation("BCS cluster {ClusterId} changed: {Changes}", ClusterId, changes);
            _state.State.Cluster = updated;
        }
        await _state.WriteStateAsync();
        return View();
    }

    public async Task<BcsClusterView?> ReapplyResourcesAsync()
    {
        if (_state.State.Cluster is not { Status: BcsClusterStatus.Running or BcsClusterStatus.InitFailed }) return View();
        await InitResourcesAsync();
        return View();
    }

    public async Task<BcsClusterView?> MarkDeletedAsync()
    {
        if (_state.State.Cluster is not { } cluster) return null;
        _state.State.Cluster = BcsRegistration.MarkDeleted(cluster, Now);
        await _state.WriteStateAsync();
        return View();
    }

    public Task<BcsClusterView?> GetAsync() => Task.FromResult(View());

    private async Task InitResourcesAsync()
    {
        var cluster = _state.State.Cluster!;
        var initializer = new DataIdResourceInitializer(new KubernetesDataIdClient(_settings.Http, _settings.GatewaySchema));
        DataIdInitResult result;
        if (string.IsNullOrEmpty(cluster.DomainName))
        {
            result = Failed($"the BCS gateway is not configured ({BcsSettings.SectionName}:GatewayHost), so the Kubernetes API of {ClusterId} cannot be reached");
        }
        else
        {
            try
            {
                result = await initializer.InitAsync(cluster, _state.State.IsFederated, BcsReplaceConfig.Empty, CancellationToken.None);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
            {
                result = Failed(e.Message);
            }
        }
        if (!result.Succeeded)
        {
            _logger.LogWarning("BCS cluster {ClusterId}: DataID resources not written, will retry: {Errors}", ClusterId, string.Join("; ", result.Errors));
        }
        _state.State.Cluster = BcsRegistration.ApplyInitResult(cluster, result.Succeeded, Now);
        _state.State.InitErrors = [.. result.Errors];
        await _state.WriteStateAsync();
    }

    private static DataIdInitResult Failed(string error) => new(false, new Dictionary<string, DataIdUpsertOutcome>(), [error]);

    private BcsClusterView? View() => _state.State.Cluster is not { } c ? null : new BcsClusterView
    {
        ClusterId = c.ClusterId,
        TenantId = c.TenantId,
        BkBizId = c.BkBizId,
        ProjectId = c.ProjectId,
        Status = c.Status,
        IsFederated = _state.State.IsFederated,
        DataIds = BcsDataSourceSpec.All.ToDictionary(s => s.UsageKey, s => c.DataIdOf(s.Kind), StringComparer.Ordinal),
        InitErrors = _state.State.InitErrors,
        CreateTime = c.CreateTime,
        LastModifyTime = c.LastModifyTime,
    };
}
