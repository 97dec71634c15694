using BkMonitor.GrainInterfaces.Bcs;
using BkMonitor.Grains.Bcs.Clients;
using BkMonitor.Runtime;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Bcs;

/// <summary>
/// discover_bcs_clusters as a singleton with a reminder (a singleton grain replaces bk-monitor's leader election).
/// A failed or garbled listing changes nothing: it is logged and the next tick tries again.
/// </summary>
internal sealed class BcsDiscoveryGrain : Grain, IBcsDiscoveryGrain, IRemindable
{
    public const string ReminderName = "bcs-discovery";
    public const string RefreshReminderName = "bcs-refresh-resources";
    private readonly IPersistentState<BcsDiscoveryState> _state;
    private readonly BcsSettings _settings;
    private readonly ILogger<BcsDiscoveryGrain> _logger;

    public BcsDiscoveryGrain([PersistentState("bcsdiscovery")] IPersistentState<BcsDiscoveryState> state, BcsSettings settings, ILogger<BcsDiscoveryGrain> logger)
    {
        _state = state;
        _settings = settings;
        _logger = logger;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_settings.DiscoveryEnabled)
        {
            await RegisterOrUpdateReminder(ReminderName, _settings.DiscoveryInterval, _settings.DiscoveryInterval);
            await RegisterOrUpdateReminder(RefreshReminderName, _settings.ResourceRefreshInterval, _settings.ResourceRefreshInterval);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName == RefreshReminderName ? ReapplyResourcesAsync() : DiscoverAsync();

    public async Task<BcsClusterResult> RegisterAsync(string clusterId, BcsClusterListing listing)
    {
        var result = await GrainFactory.GetGrain<IBcsClusterGrain>(clusterId).RegisterAsync(listing);
        if (result.Cluster is not null && !_state.State.ClusterIds.Contains(clusterId))
        {
            _state.State.ClusterIds.Add(clusterId);
            await _state.WriteStateAsync();
        }
        return result;
    }

    public async Task<IReadOnlyList<string>> ReapplyResourcesAsync()
    {
        var applied = new List<string>();
        foreach (var id in _state.State.ClusterIds)
        {
            // One cluster's failure must not keep the others' resources from being re-applied.
            try
            {
                var view = await GrainFactory.GetGrain<IBcsClusterGrain>(id).ReapplyResourcesAsync();
                if (view is { Status: BcsClusterStatus.Running or BcsClusterStatus.InitFailed }) applied.Add(id);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning(e, "BCS cluster {ClusterId}: DataID resources not re-applied", id);
            }
        }
        return applied;
    }

    public Task<IReadOnlyList<BcsFederationPair>> FederationAsync() => Task.FromResult<IReadOnlyList<BcsFederationPair>>(
        [.. _state.State.Federation.Select(f => new BcsFederationPair(f.TenantId, f.FedClusterId, f.HostClusterId, f.SubClusterId, f.Namespaces, f.IsDeleted))]);

    public Task<IReadOnlyList<string>> ClusterIdsAsync() => Task.FromResult<IReadOnlyList<string>>([.. _state.State.ClusterIds]);

    public Task<IReadOnlyList<string>> FederationPairsAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. _state.State.Federation.Where(f => !f.IsDeleted).Select(f => $"{f.FedClusterId}/{f.SubClusterId}")]);

    public async Task<BcsDiscoveryReport> DiscoverAsync()
    {
        if (!_settings.DiscoveryEnabled) return new BcsDiscoveryReport([], [], [], [], "BCS discovery is off: BkMonitor:Bcs:Api:BaseUrl is not set.");
        var client = new BcsApiClient(_settings.Http, _settings.Api);
        var listings = new List<BcsTenantListing>();
        try
        {
            foreach (var tenant in _settings.Api.Tenants) listings.Add(await client.ListTenantAsync(tenant, CancellationToken.None));
        }
        catch (Exception e) when (e is BcsApiUnavailableException or BcsApiResponseException)
        {
            _logger.LogWarning("BCS discovery skipped, every cluster keeps its status: {Reason}", e.Message);
            return new BcsDiscoveryReport([], [], [], [], e.Message);
        }

        var views = await Task.WhenAll(_state.State.ClusterIds.Select(id => GrainFactory.GetGrain<IBcsClusterGrain>(id).GetAsync()));
        var known = views.Where(v => v is not null).Select(v => Known(v!)).ToList();
        var plan = BcsDiscoveryPlanner.Plan(listings, known, _state.State.Federation, _settings.Api.Token);

        var registered = new List<string>();
        var failed = new List<string>();
        foreach (var registration in plan.Registrations)
        {
            var id = registration.Cluster.ClusterId;
            var result = await GrainFactory.GetGrain<IBcsClusterGrain>(id).RegisterAsync(Listing(registration.TenantId, registration.Cluster, registration.IsFederated));
            if (result.Error is not null)
            {
                _logger.LogWarning("BCS cluster {ClusterId} not registered: {Error}", id, result.Error);
                failed.Add(id);
                continue;
            }
            _state.State.ClusterIds.Add(id);
            registered.Add(id);
        }
        foreach (var refresh in plan.Refreshes)
        {
            await GrainFactory.GetGrain<IBcsClusterGrain>(refresh.Cluster.ClusterId).RefreshAsync(Listing(refresh.TenantId, refresh.Cluster, refresh.IsFederated));
        }
        foreach (var id in plan.Deletions) await GrainFactory.GetGrain<IBcsClusterGrain>(id).MarkDeletedAsync();
        ApplyFederation(plan.FederationSyncs);
        await _state.WriteStateAsync();
        return new BcsDiscoveryReport(registered, [.. plan.Refreshes.Select(r => r.Cluster.ClusterId)], plan.Deletions, failed, null);
    }

    private void ApplyFederation(IEnumerable<FederationSyncPlan> syncs)
    {
        foreach (var sync in syncs)
        {
            if (sync.IsRefused)
            {
                _logger.LogWarning("BCS federation sync of tenant {Tenant} refused: {Reason}", sync.TenantId, sync.RefusedReason);
                continue;
            }
            var records = _state.State.Federation;
            foreach (var record in sync.Upserts.Concat(sync.Deletions.Select(d => d with { IsDeleted = true })))
            {
                records.RemoveAll(r => r.TenantId == record.TenantId && r.Pair == record.Pair);
                records.Add(record);
            }
        }
    }

    private static BcsClusterListing Listing(string tenantId, BcsListedCluster cluster, bool isFederated) => new()
    {
        TenantId = tenantId, BkBizId = cluster.BkBizId, ProjectId = cluster.ProjectId, Status = cluster.Status, IsFederated = isFederated,
    };

    // The planner compares the gateway token too; a cluster grain always applies the current one on refresh.
    private BcsClusterState Known(BcsClusterView view) => new()
    {
        ClusterId = view.ClusterId, TenantId = view.TenantId, BkBizId = view.BkBizId, ProjectId = view.ProjectId, Status = view.Status,
        DomainName = _settings.GatewayHost, Port = _settings.GatewayPort, ApiKeyContent = _settings.Api.Token,
    };
}
