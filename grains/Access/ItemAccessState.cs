namespace BkMonitor.Grains.Access;

/// <summary>
/// The persisted access state of one strategy item: the checkpoint (newest data time handed on) and the value
/// each record id was handed on with, so a re-pushed bucket whose value changed is detected again while an
/// unchanged one is not. The handed-on ids per data time are these keys (a record id ends in its time).
/// </summary>
public sealed class ItemAccessState
{
    public long Checkpoint { get; set; }

    public Dictionary<string, double> Values { get; set; } = new(StringComparer.Ordinal);
}
