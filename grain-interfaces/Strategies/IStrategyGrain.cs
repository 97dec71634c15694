using System.Text.Json;
using BkMonitor.GrainInterfaces.Access;
using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Strategies;

/// <summary>One alarm strategy (key: strategy id): its config, its access schedule and its access state.</summary>
public interface IStrategyGrain : IGrainWithIntegerKey
{
    /// <summary>Validates and stores the strategy JSON; on success the new config takes effect at once.</summary>
    Task<StrategySaveResult> SaveAsync(JsonElement body, StrategySaveMode mode);

    /// <summary>The stored strategy, or null when none is stored.</summary>
    [AlwaysInterleave]
    Task<Strategy?> GetAsync();

    /// <summary>
    /// The strategy its alerts' actions run under: the stored one, or the last one stored before it was deleted (so
    /// the notices of its alerts' remaining signals, their closing above all, still reach the same receivers); null
    /// when none was ever stored.
    /// </summary>
    [AlwaysInterleave]
    Task<Strategy?> GetForAlertsAsync();

    /// <summary>The stored strategy with its config version, for the pipeline stages that compile it.</summary>
    [AlwaysInterleave]
    Task<StrategySnapshot?> GetSnapshotAsync();

    /// <summary>Deletes the strategy and stops its access; false when none was stored.</summary>
    Task<bool> DeleteAsync();

    /// <summary>New data was stored for tables/metrics this strategy reads: run access on those buckets now.</summary>
    Task<AccessRunResult> OnDataPushedAsync(PushNotice notice);

    /// <summary>Runs the pull access now (what the reminder does every interval).</summary>
    Task<AccessRunResult> RunAccessAsync();

    /// <summary>
    /// Whether the nodata check still counts item <paramref name="itemId"/>'s dimensions
    /// <paramref name="dimensionsMd5"/> (count_md5 with <c>__NO_DATA_DIMENSION__</c>, as in the nodata anomaly id)
    /// as missing: its last-anomaly checkpoint exists. The alert manager recovers a nodata alert once this is false.
    /// </summary>
    [AlwaysInterleave]
    Task<bool> IsNoDataOngoingAsync(long itemId, string dimensionsMd5);
}
