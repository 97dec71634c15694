using System.Text.Json;
using BkMonitor.Grains.Hashing;

namespace BkMonitor.UnitTests.Hashing;

// Expected values computed with bk-monitor's count_md5 in CPython 3.11.
public sealed class CountMd5Tests
{
    [Fact]
    public void Spec_example_ip_dimension_hashes_exactly()
        => Assert.Equal("342a08e0f85f169a7e099c18db3708ed", CountMd5.Of(new Dictionary<string, object?> { ["ip"] = "127.0.0.1" }));

    [Fact]
    public void Nodata_dimension_hashes_exactly()
        => Assert.Equal("3e06a0b6d0560271cafee9f08a6da2d7", CountMd5.Of(new Dictionary<string, object?> { ["__NO_DATA_DIMENSION__"] = true }));

    [Fact]
    public void Dedupe_values_list_is_order_insensitive()
    {
        Assert.Equal("41ffb8d2f741bc48e1a5c16def3e4461", CountMd5.Of(new object?[] { 1, "HOST", "127.0.0.1|0", 2 }));
        Assert.Equal(CountMd5.Of(new object?[] { 2, "127.0.0.1|0", "HOST", 1 }), CountMd5.Of(new object?[] { 1, "HOST", "127.0.0.1|0", 2 }));
    }

    [Fact]
    public void Nested_json_with_floats_none_and_exponents_matches_python()
    {
        var json = JsonDocument.Parse("""{"a":1.5,"b":[1,"x",null],"c":1e-7,"d":123456789012345678.0}""").RootElement;
        Assert.Equal("c357a091d9fe022809c9eb7735862918", CountMd5.Of(json));
    }

    [Fact]
    public void Int_and_string_zero_hash_the_same()
        => Assert.Equal(CountMd5.Of(0), CountMd5.Of("0"));

    [Theory]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(1e-7, "1e-07")]
    [InlineData(1.2345678901234568e+17, "1.2345678901234568e+17")]
    [InlineData(100.0, "100.0")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(1e16, "1e+16")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.0, "0.0")]
    [InlineData(123.456, "123.456")]
    [InlineData(-1234.5, "-1234.5")]
    [InlineData(1e22, "1e+22")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(9999999999999998.0, "9999999999999998.0")]
    [InlineData(0.00012, "0.00012")]
    public void Floats_render_like_python_repr(double value, string expected)
        => Assert.Equal(expected, PythonStr.Float(value));
}
