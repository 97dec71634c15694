using BkMonitor.Grains.Access;

namespace BkMonitor.UnitTests.Access;

// Expected values are CPython's round(x, 6).
public sealed class PythonRoundTests
{
    [Theory]
    [InlineData(1.23456789, 1.234568)]
    [InlineData(0.30000000000000004, 0.3)]
    [InlineData(2.675, 2.675)]
    [InlineData(0.0078125, 0.007812)]
    [InlineData(0.0234375, 0.023438)]
    [InlineData(5e-7, 0.0)]
    [InlineData(1.5e-6, 2e-6)]
    [InlineData(2.5e-6, 3e-6)]
    [InlineData(-1.0000005, -1.000001)]
    [InlineData(123456.1234565, 123456.123457)]
    [InlineData(42.0, 42.0)]
    public void Round6_matches_python(double value, double expected)
    {
        Assert.Equal(expected, PythonRound.Round6(value));
    }

    [Fact]
    public void Round6_keeps_non_finite_values()
    {
        Assert.True(double.IsNaN(PythonRound.Round6(double.NaN)));
        Assert.Equal(double.PositiveInfinity, PythonRound.Round6(double.PositiveInfinity));
    }
}
