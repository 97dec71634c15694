namespace BkMonitor.Grains.Alerts;

/// <summary>The stored set of an alert watch list: the keys of the alert grains with an open alert.</summary>
internal sealed class AlertWatchListGrainState
{
    public HashSet<string> AlertKeys { get; set; } = new(StringComparer.Ordinal);
}
