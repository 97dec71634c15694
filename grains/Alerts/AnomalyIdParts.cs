using System.Globalization;

namespace BkMonitor.Grains.Alerts;

/// <summary>
/// The parts of a detect anomaly id <c>"{dims_md5}.{ts}.{strategy_id}.{item_id}.{level}"</c>, which a
/// strategy alert's top event carries as event_id (bk-monitor's EventIDParser).
/// </summary>
internal readonly record struct AnomalyIdParts(string DimensionsMd5, long Timestamp, long StrategyId, long ItemId, int Level)
{
    public static string Format(string dimensionsMd5, long timestamp, long strategyId, long itemId, int level)
        => string.Create(CultureInfo.InvariantCulture, $"{dimensionsMd5}.{timestamp}.{strategyId}.{itemId}.{level}");

    public static bool TryParse(string? eventId, out AnomalyIdParts parts)
    {
        parts = default;
        if (string.IsNullOrEmpty(eventId)) return false;
        var p = eventId.Split('.');
        if (p.Length != 5 || p[0].Length == 0) return false;
        if (!long.TryParse(p[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ts)
            || !long.TryParse(p[2], NumberStyles.None, CultureInfo.InvariantCulture, out var strategyId)
            || !long.TryParse(p[3], NumberStyles.None, CultureInfo.InvariantCulture, out var itemId)
            || !int.TryParse(p[4], NumberStyles.None, CultureInfo.InvariantCulture, out var level))
        {
            return false;
        }
        parts = new AnomalyIdParts(p[0], ts, strategyId, itemId, level);
        return true;
    }
}
