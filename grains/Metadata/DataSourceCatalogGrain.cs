using BkMonitor.GrainInterfaces.Metadata;
using BkMonitor.Runtime;

namespace BkMonitor.Grains.Metadata;

/// <summary>The data source index singleton: answers list queries from memory, persists every upsert.</summary>
internal sealed class DataSourceCatalogGrain : Grain, IDataSourceCatalogGrain
{
    private readonly IPersistentState<DataSourceCatalogState> _state;
    private DataSourceIndex _index = new([]);

    public DataSourceCatalogGrain([PersistentState("datasourcecatalog")] IPersistentState<DataSourceCatalogState> state) => _state = state;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _index = new DataSourceIndex(_state.State.DataSources);
        return Task.CompletedTask;
    }

    public Task UpsertAsync(DataSourceSummary summary)
    {
        _index.Upsert(summary);
        _state.State.DataSources = [.. _index.Summaries];
        return _state.WriteStateAsync();
    }

    public Task<DataSourcePage> ListAsync(int? bkBizId, int page, int pageSize) => Task.FromResult(_index.Page(bkBizId, page, pageSize));
}
