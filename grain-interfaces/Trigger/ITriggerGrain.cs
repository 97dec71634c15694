using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Trigger;

/// <summary>Trigger stage of one strategy (key: strategy id), fed by the <c>anomaly_detect</c> stream.</summary>
public interface ITriggerGrain : IGrainWithIntegerKey
{
    [AlwaysInterleave]
    Task<TriggerStats> GetStatsAsync();
}

/// <summary>
/// Counters of one trigger activation: anomalies observed, events published, anomalies that added nothing
/// (redelivered), events held back by the per-time rate limit.
/// </summary>
public sealed record TriggerStats(long Anomalies, long Events, long Redelivered, long RateLimited);
