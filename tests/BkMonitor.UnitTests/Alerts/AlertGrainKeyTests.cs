using BkMonitor.GrainInterfaces.Alerts;

namespace BkMonitor.UnitTests.Alerts;

public sealed class AlertGrainKeyTests
{
    [Fact]
    public void A_key_is_the_strategy_id_then_the_dedupe_md5_and_parses_back()
    {
        var key = AlertGrainKey.Of(42, "3e06a0b6d0560271cafee9f08a6da2d7");

        Assert.Equal("42.3e06a0b6d0560271cafee9f08a6da2d7", key);
        Assert.True(AlertGrainKey.TryParse(key, out var strategyId, out var md5));
        Assert.Equal((42L, "3e06a0b6d0560271cafee9f08a6da2d7"), (strategyId, md5));
        Assert.Equal("0.abc", AlertGrainKey.Of(null, "abc"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("3e06a0b6d0560271cafee9f08a6da2d7")]
    [InlineData(".abc")]
    [InlineData("12.")]
    [InlineData("-1.abc")]
    [InlineData("x1.abc")]
    public void Anything_else_does_not_parse(string? key) => Assert.False(AlertGrainKey.TryParse(key, out _, out _));
}
