using System.Globalization;
using BkMonitor.Grains.Detect;

namespace BkMonitor.UnitTests.Detect;

// Expected values printed by CPython 3.11: repr(round(x, 6)).
public sealed class PythonRoundTests
{
    [Theory]
    [InlineData("0.0078125", "0.007812")] // exact binary midpoint: half-to-even
    [InlineData("-0.0078125", "-0.007812")]
    [InlineData("1.0000005", "1.000001")]
    [InlineData("0.1234565", "0.123456")]
    [InlineData("123456.1234565", "123456.123457")]
    [InlineData("5E-07", "0")]
    [InlineData("2.5E-06", "3E-06")] // 2.5e-6 is slightly above the midpoint in binary
    [InlineData("0.3333333333333333", "0.333333")]
    [InlineData("-0.6666666666666666", "-0.666667")]
    [InlineData("9007199254.740993", "9007199254.740993")]
    [InlineData("95.00000049999998", "95")]
    [InlineData("12345678.0000005", "12345678")]
    [InlineData("1E-320", "0")]
    public void Round6_matches_python(string input, string expected)
    {
        var x = double.Parse(input, CultureInfo.InvariantCulture);
        Assert.Equal(double.Parse(expected, CultureInfo.InvariantCulture), PythonRound.Round6(x));
    }

    [Fact]
    public void Round_to_two_digits_keeps_2_675_below_the_midpoint_like_python() =>
        Assert.Equal(2.67, PythonRound.Round(2.675, 2));

    [Fact]
    public void Rounding_a_tiny_negative_keeps_the_sign_of_zero() =>
        Assert.True(double.IsNegative(PythonRound.Round6(-1e-30)));

    [Fact]
    public void Unsupported_digit_count_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PythonRound.Round(1.5, 16));
}
