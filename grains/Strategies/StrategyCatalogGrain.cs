using BkMonitor.GrainInterfaces.Routing;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Runtime;

namespace BkMonitor.Grains.Strategies;

/// <summary>The strategy index and id allocator (a singleton keyed "global"), persisted on every change.</summary>
internal sealed class StrategyCatalogGrain : Grain, IStrategyCatalogGrain
{
    private readonly IPersistentState<StrategyCatalogState> _state;
    private StrategyIndex _index = new([]);

    public StrategyCatalogGrain([PersistentState("catalog")] IPersistentState<StrategyCatalogState> state) => _state = state;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _index = new StrategyIndex(_state.State.Strategies);
        return Task.CompletedTask;
    }

    public async Task<long> AllocateIdAsync()
    {
        var id = Math.Max(_state.State.NextId, _index.MaxId + 1);
        _state.State.NextId = id + 1;
        await _state.WriteStateAsync();
        return id;
    }

    public async Task UpsertAsync(StrategySummary summary)
    {
        _index.Upsert(summary);
        _state.State.NextId = Math.Max(_state.State.NextId, summary.Id + 1);
        await SaveAsync();
        await GrainFactory.GetGrain<IAlarmRoutingGrain>(IAlarmRoutingGrain.GlobalKey).PlaceStrategyAsync(summary.Id, summary.BkBizId);
    }

    public async Task RemoveAsync(long strategyId)
    {
        if (_index.Remove(strategyId)) await SaveAsync();
        await GrainFactory.GetGrain<IAlarmRoutingGrain>(IAlarmRoutingGrain.GlobalKey).RemoveStrategyAsync(strategyId);
    }

    public Task<StrategyIdPage> ListAsync(long? bkBizId, int page, int pageSize) => Task.FromResult(_index.Page(bkBizId, page, pageSize));

    private Task SaveAsync()
    {
        _state.State.Strategies = [.. _index.Summaries];
        return _state.WriteStateAsync();
    }
}
