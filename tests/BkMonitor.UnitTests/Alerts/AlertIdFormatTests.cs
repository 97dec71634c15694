using BkMonitor.Grains.Alerts;

namespace BkMonitor.UnitTests.Alerts;

public sealed class AlertIdFormatTests
{
    [Theory]
    [InlineData(1_700_000_000, 1, "17000000001")]
    [InlineData(1_619_775_685, 123, "1619775685123")]
    [InlineData(123, 45, "000000012345")]
    [InlineData(17_000_000_001, 7, "17000000007")]
    public void Id_is_ten_digit_zero_padded_timestamp_then_sequence(long ts, long seq, string expected)
        => Assert.Equal(expected, AlertIdFormat.Format(ts, seq));

    [Fact]
    public void Timestamp_parses_back_from_the_first_ten_digits()
    {
        Assert.Equal(1_619_775_685, AlertIdFormat.ParseTimestamp("1619775685123"));
        Assert.Throws<FormatException>(() => AlertIdFormat.ParseTimestamp("12345"));
    }

    [Fact]
    public void Anomaly_id_round_trips_through_its_parts()
    {
        var id = AnomalyIdParts.Format("3e06a0b6d0560271cafee9f08a6da2d7", 1_700_000_040, 11, 37, 2);
        Assert.Equal("3e06a0b6d0560271cafee9f08a6da2d7.1700000040.11.37.2", id);
        Assert.True(AnomalyIdParts.TryParse(id, out var parts));
        Assert.Equal(new AnomalyIdParts("3e06a0b6d0560271cafee9f08a6da2d7", 1_700_000_040, 11, 37, 2), parts);
        Assert.False(AnomalyIdParts.TryParse("custom-event-id", out _));
    }
}
