using System.Globalization;

namespace BkMonitor.Grains.Access;

/// <summary>bk-monitor's <c>safe_float</c>: Python <c>float(text)</c>, NaN when it does not parse.</summary>
internal static class PythonFloat
{
    public static double Parse(string? text)
    {
        if (text is null) return double.NaN;
        var s = text.Trim();
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;
        // Python also spells infinities and NaN in lower case with an optional sign.
        var sign = 1.0;
        var body = s.AsSpan();
        if (body.Length > 0 && (body[0] == '+' || body[0] == '-'))
        {
            sign = body[0] == '-' ? -1.0 : 1.0;
            body = body[1..];
        }
        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            return sign * double.PositiveInfinity;
        }
        return double.NaN;
    }
}
