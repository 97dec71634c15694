using BkMonitor.Grains.Alerts;

namespace BkMonitor.UnitTests.Alerts;

public sealed class AlertCheckCadenceTests
{
    [Theory]
    [InlineData(10, 15)]
    [InlineData(29, 15)]
    [InlineData(30, 30)]
    [InlineData(59, 30)]
    [InlineData(60, 60)]
    [InlineData(300, 60)]
    [InlineData(null, 60)]
    public void Short_periods_are_checked_more_often(int? aggInterval, int expected)
        => Assert.Equal(expected, AlertCheckCadence.IntervalSeconds(aggInterval));
}
