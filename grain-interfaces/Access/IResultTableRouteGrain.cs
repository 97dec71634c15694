using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Access;

/// <summary>
/// Which strategies read a result table (key: result table id), so data pushed into it reaches exactly
/// those strategies at once (real-time access).
/// </summary>
public interface IResultTableRouteGrain : IGrainWithStringKey
{
    /// <summary>Sets the metrics a strategy reads from this table; an empty list removes the strategy.</summary>
    Task SetReaderAsync(long strategyId, IReadOnlyList<string> metrics);

    /// <summary>Strategy ids reading the table, ascending.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<long>> GetReadersAsync();

    /// <summary>
    /// Hands the notice to every strategy reading one of its metrics; returns how many were told. Interleaves,
    /// so a strategy saving (and re-registering here) while it is being told cannot deadlock with it.
    /// </summary>
    [AlwaysInterleave]
    Task<int> NotifyAsync(PushNotice notice);
}
