using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Detect;

/// <summary>Detect stage of one strategy (key: strategy id), fed by the <c>data_access</c> stream.</summary>
public interface IDetectGrain : IGrainWithIntegerKey
{
    [AlwaysInterleave]
    Task<DetectStats> GetStatsAsync();

    /// <summary>
    /// The check results of item <paramref name="itemId"/>, series <paramref name="dimensionsMd5"/>, at
    /// <paramref name="level"/> with <c>from &lt;= time &lt;= to</c>; used by the alert manager's recovery check.
    /// </summary>
    [AlwaysInterleave]
    Task<CheckResultSlice> GetCheckResultsAsync(long itemId, string dimensionsMd5, int level, long from, long to);
}

/// <summary>Counters of one detect activation: records detected, anomalies found, batches dropped as redelivered.</summary>
public sealed record DetectStats(long Records, long Anomalies, long DuplicateBatches);
