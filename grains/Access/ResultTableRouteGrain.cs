using BkMonitor.GrainInterfaces.Access;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.Hosting;
using BkMonitor.Runtime;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Access;

/// <summary>
/// Real-time access fan-out for one result table: pushed data reaches exactly the strategies reading its
/// metrics, all at once, each told only about its own metrics. A strategy that fails does not fail the push
/// (the data is stored; its next pull reads it).
/// </summary>
internal sealed class ResultTableRouteGrain : Grain, IResultTableRouteGrain
{
    private readonly IPersistentState<RouteState> _state;
    private readonly ILogger<ResultTableRouteGrain> _logger;
    private RouteTable _routes = new(new Dictionary<long, List<string>>());

    public ResultTableRouteGrain([PersistentState("routes")] IPersistentState<RouteState> state, ILogger<ResultTableRouteGrain> logger)
    {
        _state = state;
        _logger = logger;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _routes = new RouteTable(_state.State.Readers);
        return Task.CompletedTask;
    }

    public async Task SetReaderAsync(long strategyId, IReadOnlyList<string> metrics)
    {
        _routes.Set(strategyId, metrics);
        _state.State.Readers = _routes.ToState();
        await _state.WriteStateAsync();
    }

    public Task<IReadOnlyList<long>> GetReadersAsync() => Task.FromResult(_routes.Readers);

    public async Task<int> NotifyAsync(PushNotice notice)
    {
        var readers = _routes.ReadersOf(notice.Metrics.Select(m => m.Metric));
        if (readers.Count == 0) return 0;
        var table = this.GetPrimaryKeyString();
        var deliveries = new List<Task>(readers.Count);
        foreach (var (strategyId, metrics) in readers)
        {
            var own = notice with { Metrics = notice.Metrics.Where(m => metrics.Contains(m.Metric)).ToList() };
            deliveries.Add(DeliverAsync(table, strategyId, own));
        }
        await Task.WhenAll(deliveries);
        return readers.Count;
    }

    private async Task DeliverAsync(string table, long strategyId, PushNotice notice)
    {
        try
        {
            await GrainFactory.GetGrain<IStrategyGrain>(strategyId).OnDataPushedAsync(notice);
        }
        catch (Exception e)
        {
            PipelineLog.PushDeliveryFailed(_logger, e, table, strategyId);
        }
    }
}
