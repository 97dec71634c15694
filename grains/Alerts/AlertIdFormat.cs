using System.Globalization;

namespace BkMonitor.Grains.Alerts;

/// <summary>Alert ids are <c>"{ts:0>10}{seq}"</c>: the creation second, zero-padded to ten digits, then the sequence.</summary>
internal static class AlertIdFormat
{
    public static string Format(long createTime, long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(createTime);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        var ts = createTime.ToString(CultureInfo.InvariantCulture);
        if (ts.Length > 10) ts = ts[..10];
        return ts.PadLeft(10, '0') + sequence.ToString(CultureInfo.InvariantCulture);
    }

    public static long ParseTimestamp(string alertId)
    {
        if (alertId is null || alertId.Length < 11 || !long.TryParse(alertId.AsSpan(0, 10), NumberStyles.None, CultureInfo.InvariantCulture, out var ts))
        {
            throw new FormatException($"alert id '{alertId}' is not '{{ts:0>10}}{{seq}}'");
        }
        return ts;
    }
}
