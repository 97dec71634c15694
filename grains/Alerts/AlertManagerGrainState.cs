namespace BkMonitor.Grains.Alerts;

/// <summary>The stored set of an alert manager: the watch list shards that hold open alerts.</summary>
internal sealed class AlertManagerGrainState
{
    public HashSet<int> Shards { get; set; } = [];
}
