using BkMonitor.GrainInterfaces.Metadata;
using BkMonitor.Runtime;

namespace BkMonitor.Grains.Metadata;

/// <summary>One data source (key: bk_data_id): created once with its default result table routed to storage; token rotatable, ingest switchable.</summary>
internal sealed class DataSourceGrain : Grain, IDataSourceGrain
{
    private readonly IPersistentState<DataSourceState> _state;
    private readonly MetadataBroadcaster _broadcaster;

    public DataSourceGrain([PersistentState("datasource")] IPersistentState<DataSourceState> state, MetadataBroadcaster broadcaster)
    {
        _state = state;
        _broadcaster = broadcaster;
    }

    public Task<DataSourceInfo> CreateAsync(CreateDataSourceRequest request) => CreatePlatformAsync(request, isSystem: false);

    public async Task<DataSourceInfo> CreatePlatformAsync(CreateDataSourceRequest request, bool isSystem)
    {
        if (_state.State.Info is not null)
        {
            throw new InvalidOperationException($"Data source {this.GetPrimaryKeyLong()} already exists; data ids are never reused.");
        }
        var id = this.GetPrimaryKeyLong();
        if (id is < DataIdRanges.GseFirst or > DataIdRanges.GseLast)
        {
            throw new ArgumentOutOfRangeException(nameof(request), id, "A data source grain's key must be a data id of the GSE range.");
        }
        var typeLabel = request.EtlConfig is { } etl ? EtlConfigs.TypeLabelOf(etl) : null;
        var storage = typeLabel is null ? null : await GrainFactory.GetGrain<IStorageClusterRegistryGrain>(IStorageClusterRegistryGrain.GlobalKey)
            .DefaultOfAsync(StorageRouting.ClusterTypeFor(typeLabel));
        var info = DataSourceFactory.Create(request, (int)id, AccessTokenGenerator.New(), Now, storage?.ClusterId) with { IsSystem = isSystem };
        return await SaveAsync(info);
    }

    public Task<DataSourceInfo?> GetAsync() => Task.FromResult(_state.State.Info);

    public async Task<DataSourceInfo?> RotateTokenAsync() =>
        _state.State.Info is { } info ? await SaveAsync(info with { AccessToken = AccessTokenGenerator.New(), UpdateTime = Now }) : null;

    public async Task<DataSourceInfo?> SetEnabledAsync(bool isEnabled) => _state.State.Info switch
    {
        null => null,
        { IsEnabled: var current } info when current == isEnabled => info,
        var info => await SaveAsync(info with { IsEnabled = isEnabled, UpdateTime = Now }),
    };

    public Task<IngestAuthorization> AuthorizeAsync(string accessToken) => Task.FromResult(IngestAuthorizer.Authorize(_state.State.Info, accessToken));

    private long Now => TimeProvider.GetUtcNow().ToUnixTimeSeconds();

    // Stored first, then indexed: a failed index write leaves a data source that a retry re-indexes, never an index entry
    // without one. Published last, so no silo keeps serving the old copy once the change has returned.
    private async Task<DataSourceInfo> SaveAsync(DataSourceInfo info)
    {
        _state.State.Info = info;
        await _state.WriteStateAsync();
        await GrainFactory.GetGrain<IDataSourceCatalogGrain>(IDataSourceCatalogGrain.GlobalKey).UpsertAsync(DataSourceSummary.Of(info));
        await _broadcaster.PublishAsync(GrainFactory, listener => listener.DataSourceChangedAsync(info.BkDataId));
        return info;
    }
}
