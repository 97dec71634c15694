using System.Text.Json.Serialization;

namespace BkMonitor.GrainInterfaces.Detect;

/// <summary>
/// Detect results of one series at one level (bk-monitor's LAST_CHECKPOINTS and CHECK_RESULT): the newest point
/// time seen and the points of the asked range. Kept in memory by the strategy's detect activation: after a
/// silo loss the log refills from the next points, and the recovery check treats an empty log as "no data yet".
/// </summary>
public sealed record CheckResultSlice(
    [property: JsonPropertyName("last_checkpoint")] long? LastCheckpoint,
    [property: JsonPropertyName("points")] IReadOnlyList<CheckResultEntry> Points)
{
    public static CheckResultSlice Empty { get; } = new(null, []);
}

/// <summary>One detected point: its time and whether the level flagged it.</summary>
public readonly record struct CheckResultEntry(
    [property: JsonPropertyName("time")] long Time,
    [property: JsonPropertyName("is_anomaly")] bool IsAnomaly);
