using BkMonitor.Grains.Actions;

namespace BkMonitor.UnitTests.Actions;

public sealed class UpgradePolicyTests
{
    private static readonly UpgradeConfig Config = new() { IsEnabled = true, UpgradeInterval = 30, UserGroups = [7, 8] };

    [Fact]
    public void First_upgrade_waits_for_the_alert_duration_to_reach_the_interval()
    {
        Assert.Null(UpgradePolicy.Next(Config, null, null, alertDuration: 1799, now: 5000));
        Assert.Equal(new UpgradeStep(0, 7), UpgradePolicy.Next(Config, null, null, alertDuration: 1800, now: 5000));
    }

    [Fact]
    public void Next_upgrade_counts_from_the_last_one_and_moves_to_the_next_group()
    {
        Assert.Null(UpgradePolicy.Next(Config, lastUpgradeTime: 10_000, lastGroupIndex: 0, alertDuration: 99_999, now: 11_799));
        Assert.Equal(new UpgradeStep(1, 8), UpgradePolicy.Next(Config, 10_000, 0, 99_999, now: 11_800));
    }

    [Fact]
    public void After_the_last_group_no_more_upgrades()
        => Assert.Null(UpgradePolicy.Next(Config, 10_000, 1, 99_999, now: 99_999));

    [Fact]
    public void Disabled_upgrade_never_fires()
        => Assert.Null(UpgradePolicy.Next(Config with { IsEnabled = false }, null, null, 999_999, 999_999));
}
