using System.Text;

namespace BkMonitor.Grains.Actions;

/// <summary>
/// Human readable durations the way bk-monitor prints them: the two largest non-zero units among
/// d/h/m/s ("1h 5m", "2m 10s", "1d 3h"; 3605 s is "1h 5s").
/// </summary>
internal static class DurationText
{
    public static string Format(long seconds)
    {
        if (seconds <= 0) return "0s";
        Span<(long Value, char Unit)> units =
        [
            (seconds / 86400, 'd'),
            (seconds % 86400 / 3600, 'h'),
            (seconds % 3600 / 60, 'm'),
            (seconds % 60, 's'),
        ];
        var sb = new StringBuilder();
        var shown = 0;
        foreach (var (value, unit) in units)
        {
            if (value == 0) continue;
            if (shown > 0) sb.Append(' ');
            sb.Append(value).Append(unit);
            if (++shown == 2) break;
        }
        return sb.ToString();
    }
}
