using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Alerts;

/// <summary>
/// The alert manager of one strategy (key: the strategy id, see <see cref="AlertWatchKey"/>): one reminder for all
/// the strategy's open alerts, every minute, or every 15/30 s for strategies with shorter periods. It stores which of
/// its <see cref="IAlertWatchListGrain"/> shards hold alerts, has each check its alerts every round and forgets the
/// shards left empty; the reminder goes with the last one.
/// </summary>
public interface IAlertManagerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds watch list shard <paramref name="shard"/> to the rounds; completes once that is stored and the reminder
    /// (period <paramref name="periodSeconds"/>) registered. Interleaves: a watch list calls it while the manager may
    /// be waiting on that list's round.
    /// </summary>
    [AlwaysInterleave]
    Task WatchShardAsync(int shard, int periodSeconds);

    /// <summary>The watch list shards in the rounds.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<int>> ListShardsAsync();
}
