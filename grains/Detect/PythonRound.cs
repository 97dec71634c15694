namespace BkMonitor.Grains.Detect;

/// <summary>
/// Python's <c>round(x, n)</c> for floats: the exact binary value rounded half-to-even at the n-th
/// decimal, then the nearest double. <see cref="Math.Round(double, int)"/> scales first and so
/// differs on values such as 2.675 or 1/128, which matters at the exact edges of a threshold.
/// </summary>
internal static class PythonRound
{
    private static readonly ulong[] Pow10 =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000,
    ];

    private const ulong TwoPow53 = 1UL << 53;

    public static double Round(double x, int digits)
    {
        if (digits is < 0 or > 15) throw new ArgumentOutOfRangeException(nameof(digits), digits, "0..15 decimals supported");
        if (!double.IsFinite(x) || x == 0) return x;

        var bits = BitConverter.DoubleToInt64Bits(x);
        var negative = bits < 0;
        var biasedExponent = (int)((bits >> 52) & 0x7FF);
        var fraction = (ulong)bits & 0xF_FFFF_FFFF_FFFFUL;
        var mantissa = biasedExponent == 0 ? fraction : fraction | (1UL << 52);
        var exponent = biasedExponent == 0 ? -1074 : biasedExponent - 1075;
        if (exponent >= 0) return x; // already an integer

        // x = mantissa * 2^exponent, so x * 10^digits = mantissa * 10^digits / 2^shift exactly.
        var shift = -exponent;
        var scaled = (UInt128)mantissa * Pow10[digits];
        if (shift >= 128) return negative ? -0.0 : 0.0;

        var quotient = scaled >> shift;
        var remainder = scaled - (quotient << shift);
        var half = (UInt128)1 << (shift - 1);
        if (remainder > half || (remainder == half && (quotient & 1) == 1)) quotient++;

        // Past 2^53 the spacing of doubles already exceeds 10^-digits, so x is its own nearest value.
        if (quotient >= TwoPow53) return x;
        var result = (double)(ulong)quotient / Pow10[digits];
        return negative ? -result : result;
    }

    public static double Round6(double x) => Round(x, 6);
}
