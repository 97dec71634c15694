using System.Text.Json.Serialization;

namespace BkMonitor.Grains.Trigger;

/// <summary>
/// The persisted state of one strategy item's trigger windows: per series (dimensions md5) and level,
/// the ascending data times of its anomalies, pruned to the retention horizon; and the number of
/// events let through per data time (the rate limit). Written by <see cref="TriggerWindowStateJsonConverter"/>.
/// </summary>
[JsonConverter(typeof(TriggerWindowStateJsonConverter))]
public sealed class TriggerWindowState
{
    public Dictionary<string, Dictionary<int, List<long>>> Anomalies { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<long, int> EventsPerTime { get; set; } = [];
}
