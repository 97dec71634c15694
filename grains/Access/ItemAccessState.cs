namespace BkMonitor.Grains.Access;

/// <summary>
/// The persisted access state of one strategy item: the checkpoint (newest data time handed on), the record
/// ids handed on per data time, and the value each was handed on with (so a re-pushed bucket whose value
/// changed is detected again while an unchanged one is not). Plain collections, so it serialises as is.
/// </summary>
public sealed class ItemAccessState
{
    public long Checkpoint { get; set; }

    public Dictionary<long, List<string>> Seen { get; set; } = [];

    public Dictionary<string, double> Values { get; set; } = new(StringComparer.Ordinal);
}
