using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Detect;

/// <summary>Detect stage of one strategy (key: strategy id), fed by the <c>data_access</c> stream.</summary>
public interface IDetectGrain : IGrainWithIntegerKey
{
    [AlwaysInterleave]
    Task<DetectStats> GetStatsAsync();
}

/// <summary>Counters of one detect activation: records detected, anomalies found, batches dropped as redelivered.</summary>
public sealed record DetectStats(long Records, long Anomalies, long DuplicateBatches);
