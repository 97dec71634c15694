using System.Globalization;

namespace BkMonitor.Grains.Actions;

/// <summary>Alert levels: 1 fatal (致命), 2 warning (预警), 3 remind (提醒).</summary>
internal static class AlarmLevel
{
    public static string Name(int level) => level switch
    {
        1 => "致命",
        2 => "预警",
        3 => "提醒",
        _ => level.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The Prometheus/Alertmanager convention for the <c>severity</c> label.</summary>
    public static string SeverityLabel(int level) => level switch
    {
        1 => "critical",
        2 => "warning",
        _ => "info",
    };
}
