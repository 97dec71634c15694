using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Strategies;

/// <summary>
/// The strategy index (key <see cref="GlobalKey"/>): allocates ids and answers list queries by business
/// and page without touching any strategy grain.
/// </summary>
public interface IStrategyCatalogGrain : IGrainWithStringKey
{
    public const string GlobalKey = "global";

    /// <summary>A new strategy id, never handed out before and above every id the index has seen.</summary>
    Task<long> AllocateIdAsync();

    /// <summary>Adds or refreshes a strategy's entry (called by the strategy grain after each save).</summary>
    Task UpsertAsync(StrategySummary summary);

    Task RemoveAsync(long strategyId);

    /// <summary>Ids of one page, ascending, with the total; <paramref name="bkBizId"/> null lists every business.</summary>
    [AlwaysInterleave]
    Task<StrategyIdPage> ListAsync(long? bkBizId, int page, int pageSize);
}
