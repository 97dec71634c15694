using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Alerts;

/// <summary>
/// One shard of a strategy's open alerts (key: <see cref="AlertWatchKey.WatchList"/>): the stored set of alert grain
/// keys its manager's rounds check. An alert grain that opens an alert watches itself here before it writes it.
/// </summary>
public interface IAlertWatchListGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds the alert grain <paramref name="alertKey"/>; completes once the set is stored and the manager has this
    /// shard in its rounds. Interleaves: an alert grain calls it while this list may be waiting on that alert's check.
    /// </summary>
    [AlwaysInterleave]
    Task WatchAsync(string alertKey, int periodSeconds);

    /// <summary>One round: checks every alert, forgets those with nothing open; returns how many stay watched.</summary>
    Task<int> CheckAsync();

    /// <summary>The alert grain keys watched here.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<string>> ListAsync();
}
