using BkMonitor.GrainInterfaces.Routing;
using BkMonitor.Grains.Metadata;
using BkMonitor.Runtime;

namespace BkMonitor.Grains.Routing;

/// <summary>
/// The routing singleton: rules (from REST, or from configuration while none were ever stored) and the business of
/// every strategy. Each change is stored, then published to every silo before the call returns.
/// </summary>
internal sealed class AlarmRoutingGrain(
    [PersistentState("alarmrouting")] IPersistentState<AlarmRoutingTable> state,
    MetadataBroadcaster broadcaster,
    RoutingSettings settings) : Grain, IAlarmRoutingGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Version > 0 || settings.Rules.Count == 0) return;
        var errors = RoutingRulesValidator.Validate(settings.Rules);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"Configured alarm routing rules ({RoutingSettings.SectionName}:Rules) are invalid: "
                + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        }
        await SaveAndPublishAsync(state.State with { Rules = [.. settings.Rules] });
    }

    public Task<AlarmRoutingTable> GetAsync() => Task.FromResult(state.State);

    public async Task<RoutingRulesResult> SetRulesAsync(IReadOnlyList<ClusterRoutingRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var errors = RoutingRulesValidator.Validate(rules);
        if (errors.Count > 0) return new RoutingRulesResult(null, errors);
        await SaveAndPublishAsync(state.State with { Rules = [.. rules] });
        return new RoutingRulesResult(state.State, null);
    }

    public async Task PlaceStrategyAsync(long strategyId, long bkBizId)
    {
        if (state.State.StrategyBiz.TryGetValue(strategyId, out var current) && current == bkBizId) return;
        await SaveAndPublishAsync(state.State with { StrategyBiz = new Dictionary<long, long>(state.State.StrategyBiz) { [strategyId] = bkBizId } });
    }

    public async Task RemoveStrategyAsync(long strategyId)
    {
        if (!state.State.StrategyBiz.ContainsKey(strategyId)) return;
        var strategyBiz = new Dictionary<long, long>(state.State.StrategyBiz);
        strategyBiz.Remove(strategyId);
        await SaveAndPublishAsync(state.State with { StrategyBiz = strategyBiz });
    }

    // The stored table is immutable: a failed write leaves the previous one in force and published.
    private async Task SaveAndPublishAsync(AlarmRoutingTable changed)
    {
        var previous = state.State;
        state.State = changed with { Version = previous.Version + 1 };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
        var table = state.State;
        await broadcaster.PublishAsync(GrainFactory, listener => listener.RoutingChangedAsync(table));
    }
}
