using BkMonitor.GrainInterfaces.Alerts;

namespace BkMonitor.UnitTests.Alerts;

public sealed class AlertWatchKeyTests
{
    [Theory]
    [InlineData("3e06a0b6d0560271cafee9f08a6da2d7", "42.992")] // 0x3e0
    [InlineData("fff0", "42.4095")]
    [InlineData("000f", "42.0")]
    [InlineData("A1", "42.2576")] // 0xa10: upper case and a short md5 still give a stable shard
    public void The_watch_list_is_the_strategy_and_the_first_three_md5_digits(string md5, string expected) =>
        Assert.Equal(expected, AlertWatchKey.WatchListOf(AlertGrainKey.Of(42, md5)));

    [Fact]
    public void An_alert_key_maps_to_its_strategys_manager_and_a_shard_that_parses_back()
    {
        var alertKey = AlertGrainKey.Of(7, "3e06a0b6d0560271cafee9f08a6da2d7");

        Assert.Equal("7", AlertWatchKey.ManagerOf(alertKey));
        Assert.Equal("0", AlertWatchKey.ManagerOf(AlertGrainKey.Of(null, "abc")));
        Assert.True(AlertWatchKey.TryParseWatchList(AlertWatchKey.WatchListOf(alertKey), out var strategyId, out var shard));
        Assert.Equal((7L, AlertWatchKey.ShardOf(alertKey)), (strategyId, shard));
    }

    [Theory]
    [InlineData("7.4096")]
    [InlineData("7.x")]
    [InlineData("7")]
    public void A_key_out_of_the_shard_range_is_not_a_watch_list(string key) =>
        Assert.False(AlertWatchKey.TryParseWatchList(key, out _, out _));

    [Fact]
    public void Keys_that_are_not_alert_keys_or_shards_out_of_range_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => AlertWatchKey.WatchListOf("3e06a0b6d0560271cafee9f08a6da2d7"));
        Assert.Throws<ArgumentOutOfRangeException>(() => AlertWatchKey.WatchList(1, AlertWatchKey.ShardCount));
    }
}
