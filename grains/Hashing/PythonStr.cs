using System.Globalization;
using System.Text.Json;

namespace BkMonitor.Grains.Hashing;

/// <summary>
/// Renders scalars the way Python's <c>str()</c> does, because bk-monitor's ids are md5s of those
/// renderings: <c>True</c>/<c>None</c>, shortest round-trip floats with Python's exponent style.
/// </summary>
public static class PythonStr
{
    public static string Of(object? value) => value switch
    {
        null => "None",
        string s => s,
        bool b => b ? "True" : "False",
        int or long or short or byte or sbyte or uint or ulong or ushort =>
            Convert.ToString(value, CultureInfo.InvariantCulture)!,
        decimal m => Float((double)m),
        double d => Float(d),
        float f => Float(f),
        JsonElement e => OfJson(e),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "None",
    };

    private static string OfJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Null or JsonValueKind.Undefined => "None",
        // A JSON number without fraction or exponent is a Python int; otherwise a float.
        JsonValueKind.Number => e.TryGetInt64(out var l) && !HasFloatSyntax(e.GetRawText())
            ? l.ToString(CultureInfo.InvariantCulture)
            : Float(e.GetDouble()),
        _ => e.GetRawText(),
    };

    private static bool HasFloatSyntax(string raw) => raw.AsSpan().IndexOfAny('.', 'e', 'E') >= 0;

    /// <summary>Python <c>repr(float)</c>: shortest round-trip digits, exponent when exp &lt; -4 or ≥ 16.</summary>
    public static string Float(double d)
    {
        if (double.IsNaN(d)) return "nan";
        if (double.IsPositiveInfinity(d)) return "inf";
        if (double.IsNegativeInfinity(d)) return "-inf";
        if (d == 0) return double.IsNegative(d) ? "-0.0" : "0.0";

        // Shortest digits that round-trip, then place the decimal point like Python's repr.
        var shortest = d.ToString("R", CultureInfo.InvariantCulture);
        var (digits, exponent) = Decompose(shortest);
        var negative = d < 0;
        string body;
        if (exponent < -4 || exponent >= 16)
        {
            var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            var sign = exponent < 0 ? "-" : "+";
            body = $"{mantissa}e{sign}{Math.Abs(exponent):00}";
        }
        else if (exponent < 0)
        {
            body = "0." + new string('0', -exponent - 1) + digits;
        }
        else if (digits.Length <= exponent + 1)
        {
            body = digits + new string('0', exponent + 1 - digits.Length) + ".0";
        }
        else
        {
            body = digits[..(exponent + 1)] + "." + digits[(exponent + 1)..];
        }
        return negative ? "-" + body : body;
    }

    /// <summary>Splits a .NET round-trip string into significant digits and a base-10 exponent of the first digit.</summary>
    private static (string Digits, int Exponent) Decompose(string s)
    {
        var span = s.AsSpan().TrimStart('-');
        var exp = 0;
        var e = span.IndexOfAny('E', 'e');
        if (e >= 0)
        {
            exp = int.Parse(span[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            span = span[..e];
        }
        var dot = span.IndexOf('.');
        var intLength = dot >= 0 ? dot : span.Length;
        Span<char> all = stackalloc char[span.Length];
        span[..intLength].CopyTo(all);
        var length = intLength;
        if (dot >= 0)
        {
            span[(dot + 1)..].CopyTo(all[length..]);
            length += span.Length - dot - 1;
        }
        var firstNonZero = all[..length].IndexOfAnyExcept('0');
        if (firstNonZero < 0) firstNonZero = length;
        var digits = all[firstNonZero..length].TrimEnd('0');
        var exponent = intLength - 1 - firstNonZero + exp;
        return (digits.IsEmpty ? "0" : digits.ToString(), exponent);
    }
}
