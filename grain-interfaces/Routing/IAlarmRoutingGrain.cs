using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Routing;

/// <summary>
/// The alarm cluster routing singleton (key <see cref="GlobalKey"/>): stores the rules and the business of each
/// strategy, and publishes every change to all silos, whose placement then moves the grains now misplaced.
/// </summary>
public interface IAlarmRoutingGrain : IGrainWithStringKey
{
    public const string GlobalKey = "global";

    [AlwaysInterleave]
    Task<AlarmRoutingTable> GetAsync();

    /// <summary>Replaces the rules (validated as a whole; an invalid set changes nothing).</summary>
    Task<RoutingRulesResult> SetRulesAsync(IReadOnlyList<ClusterRoutingRule> rules);

    /// <summary>Records a strategy's business (called after each strategy save); a new business may move its grains.</summary>
    Task PlaceStrategyAsync(long strategyId, long bkBizId);

    Task RemoveStrategyAsync(long strategyId);
}
