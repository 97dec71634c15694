using BkMonitor.Grains.Alerts;
using static BkMonitor.UnitTests.Alerts.AlertTestData;

namespace BkMonitor.UnitTests.Alerts;

public sealed class AlertUpgradeCheckTests
{
    private static readonly UpgradeConfig Hourly = new(true, [11, 12], UpgradeIntervalMinutes: 60);

    [Fact]
    public void Disabled_or_groupless_upgrade_is_never_due()
    {
        Assert.False(AlertUpgradeCheck.Evaluate(Hourly with { IsEnabled = false }, null, 100_000, Now).IsDue);
        Assert.False(AlertUpgradeCheck.Evaluate(Hourly with { UserGroups = [] }, null, 100_000, Now).IsDue);
        Assert.False(AlertUpgradeCheck.Evaluate(null, null, 100_000, Now).IsDue);
    }

    [Fact]
    public void First_upgrade_is_due_once_the_alert_lasted_the_interval()
    {
        Assert.False(AlertUpgradeCheck.Evaluate(Hourly, null, 3599, Now).IsDue);
        Assert.Equal(new UpgradeDecision(true, 0, 11), AlertUpgradeCheck.Evaluate(Hourly, null, 3600, Now));
    }

    [Fact]
    public void Next_group_is_due_an_interval_after_the_last_upgrade_counting_30_seconds_ahead()
    {
        var sent = AlertUpgradeCheck.Sent(AlertUpgradeCheck.Evaluate(Hourly, null, 3600, Now), Now);
        Assert.Equal(new UpgradeNoticeState(Now, 0), sent);
        Assert.False(AlertUpgradeCheck.Evaluate(Hourly, sent, 7200, Now + 3569).IsDue);
        Assert.Equal(new UpgradeDecision(true, 1, 12), AlertUpgradeCheck.Evaluate(Hourly, sent, 7200, Now + 3570));
    }

    [Fact]
    public void After_the_last_group_nothing_more_is_due()
        => Assert.False(AlertUpgradeCheck.Evaluate(Hourly, new UpgradeNoticeState(Now, 1), 100_000, Now + 100_000).IsDue);

    [Fact]
    public void Default_interval_is_a_day()
        => Assert.Equal(1440, new UpgradeConfig(true, [1]).UpgradeIntervalMinutes);
}
