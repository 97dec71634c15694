namespace BkMonitor.Grains.Trigger;

/// <summary>
/// The persisted trigger state of a strategy: each item's M-of-N windows (so they survive deactivation and
/// silo loss) and the position of the last batch processed (a redelivery of it is dropped outright).
/// </summary>
public sealed class TriggerGrainState
{
    public Dictionary<long, TriggerWindowState> Items { get; set; } = [];

    public long? LastSequence { get; set; }

    public int LastIndex { get; set; }
}
