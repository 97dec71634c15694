using BkMonitor.Grains.Hosting;
using Microsoft.Extensions.Configuration;

namespace BkMonitor.UnitTests.Hosting;

public sealed class BusinessTimeZoneTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Unset_is_utc() => Assert.Equal(TimeZoneInfo.Utc, BusinessTimeZone.Read(Config()));

    [Fact]
    public void The_section_key_wins_over_the_environment_variable()
    {
        var zone = BusinessTimeZone.Read(Config(("BkMonitor:TimeZone", "Asia/Shanghai"), ("BKMONITOR_TIMEZONE", "Europe/London")));
        Assert.Equal(TimeSpan.FromHours(8), zone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)));
    }

    [Fact]
    public void The_environment_variable_is_read_when_the_section_is_silent()
    {
        var zone = BusinessTimeZone.Read(Config(("BKMONITOR_TIMEZONE", "America/New_York")));
        Assert.Equal(TimeSpan.FromHours(-5), zone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)));
    }

    [Fact]
    public void An_unknown_id_is_a_start_error_naming_the_key_and_value()
    {
        var e = Assert.Throws<InvalidOperationException>(() => BusinessTimeZone.Read(Config(("BKMONITOR_TIMEZONE", "Mars/Olympus"))));
        Assert.Contains("BKMONITOR_TIMEZONE", e.Message, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus", e.Message, StringComparison.Ordinal);
    }
}
