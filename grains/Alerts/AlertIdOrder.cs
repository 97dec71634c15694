using System.Globalization;

namespace BkMonitor.Grains.Alerts;

/// <summary>
/// Alert ids (<c>"{ts:0>10}{seq}"</c>) split into their creation second and sequence, the sort key of the alert
/// index: newest first means the later second, then the higher sequence.
/// </summary>
public static class AlertIdOrder
{
    /// <summary>Newest first.</summary>
    public static int NewestFirst(string a, string b)
    {
        var byTime = CreateTime(b).CompareTo(CreateTime(a));
        if (byTime != 0) return byTime;
        var bySequence = Sequence(b).CompareTo(Sequence(a));
        return bySequence != 0 ? bySequence : string.CompareOrdinal(b, a);
    }

    /// <summary>The creation second at the head of the id; 0 when the id does not have the format.</summary>
    public static long CreateTime(string alertId) =>
        alertId.Length >= 10 && long.TryParse(alertId.AsSpan(0, 10), NumberStyles.None, CultureInfo.InvariantCulture, out var ts) ? ts : 0;

    /// <summary>The sequence after the creation second; 0 when absent or not a number that fits a long.</summary>
    public static long Sequence(string alertId) =>
        alertId.Length > 10 && long.TryParse(alertId.AsSpan(10), NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : 0;
}
