using BkMonitor.Grains.Detect.Units;

namespace BkMonitor.UnitTests.Detect;

public sealed class UnitConversionTests
{
    [Theory]
    [InlineData("bytes", "Ki", 1, 1024)]
    [InlineData("bytes", "Mi", 1.5, 1572864)]
    [InlineData("bytes", "", 7, 7)]
    [InlineData("bytes", "k", 7, 7)] // a decimal prefix is not on the binary ladder: no conversion
    [InlineData("kbytes", "", 3, 3)] // "" is the bytes rung of kbytes
    [InlineData("decbytes", "k", 2, 2000)]
    [InlineData("s", "ms", 5, 5_000_000)]
    [InlineData("s", "m", 2, 120_000_000_000)]
    [InlineData("ns", "\u00b5s", 2, 2000)]
    [InlineData("ns", "us", 2, 2000)]
    [InlineData("percentunit", "%", 50, 50)]
    [InlineData("Data (IEC)||bytes", "Gi", 1, 1073741824)]
    public void Thresholds_are_read_in_the_unit_prefix(string unit, string prefix, double threshold, double expected) =>
        Assert.Equal(expected, UnitCatalog.Resolve(unit).ScaleFrom(prefix).Apply(threshold));

    [Theory]
    [InlineData("kbytes", 2, 2048)]
    [InlineData("s", 1.5, 1_500_000_000)]
    [InlineData("ms", 0.0001, 100)]
    [InlineData("percentunit", 0.95, 95)]
    [InlineData("percent", 95.1234567, 95.123457)]
    [InlineData("bytes", 1.00000049, 1.0)]
    public void Values_are_normalised_to_the_smallest_suffix_and_rounded(string unit, double value, double expected) =>
        Assert.Equal(expected, UnitCatalog.Resolve(unit).ScaleFrom(null).Apply(value), 9);

    [Theory]
    [InlineData("none")]
    [InlineData("celsius")]
    [InlineData("")]
    [InlineData("apples")]
    public void Units_without_a_ladder_pass_values_through_unrounded(string unit) =>
        Assert.Equal(1.0000000049, UnitCatalog.Resolve(unit).ScaleFrom("Ki").Apply(1.0000000049));

    [Theory]
    [InlineData("bytes", 2048, "2.0KiB")]
    [InlineData("bytes", 512, "512.0B")]
    [InlineData("percent", 95, "95.0%")]
    [InlineData("percentunit", 0.5, "50.0%")]
    [InlineData("ms", 1500, "1.5s")]
    [InlineData("none", 3, "3.0")]
    [InlineData("apples", 3, "3.0apples")]
    [InlineData("cps", 2500, "2.5Kcps")]
    public void Display_scales_to_a_readable_suffix(string unit, double value, string expected) =>
        Assert.Equal(expected, UnitCatalog.Resolve(unit).Display(value));

    [Theory]
    [InlineData("bytes", "Ki", "KiB")]
    [InlineData("bytes", "k", "B")]
    [InlineData("percent", "%", "%")]
    [InlineData("none", "Ki", "")]
    public void Suffix_label_shows_the_prefix_only_when_it_is_on_the_ladder(string unit, string prefix, string expected) =>
        Assert.Equal(expected, UnitCatalog.Resolve(unit).SuffixLabel(prefix));
}
