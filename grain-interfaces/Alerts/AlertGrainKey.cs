using System.Globalization;

namespace BkMonitor.GrainInterfaces.Alerts;

/// <summary>
/// The key of an alert grain and of its <c>alert_event</c> stream: <c>"{strategy_id}.{dedupe_md5}"</c> (0 for alerts
/// without a strategy). The strategy id in front lets alarm cluster routing place an alert on its strategy's silo
/// group; the md5 alone identifies the alert series.
/// </summary>
public static class AlertGrainKey
{
    public static string Of(long? strategyId, string dedupeMd5)
    {
        ArgumentException.ThrowIfNullOrEmpty(dedupeMd5);
        return string.Create(CultureInfo.InvariantCulture, $"{strategyId ?? 0}.{dedupeMd5}");
    }

    public static string Of(AlertSnapshot alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return Of(alert.StrategyId, alert.DedupeMd5);
    }

    /// <summary>Splits a key; false for anything not shaped <c>"{integer}.{md5}"</c>.</summary>
    public static bool TryParse(string? key, out long strategyId, out string dedupeMd5)
    {
        strategyId = 0;
        dedupeMd5 = "";
        var dot = key?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot <= 0 || dot == key!.Length - 1) return false;
        if (!long.TryParse(key.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out strategyId)) return false;
        dedupeMd5 = key[(dot + 1)..];
        return true;
    }
}
