using BkMonitor.GrainInterfaces.Shields;
using BkMonitor.Grains.Alerts;
using BkMonitor.Grains.Shields;
using static BkMonitor.UnitTests.Alerts.AlertTestData;

namespace BkMonitor.UnitTests.Shields;

// The alert as announced with a signal: strategy 1, business 2, severity 2, tag device=eth0.
public sealed class ShieldSetTests
{
    private static readonly AlertRecord Record = Machine(out _).Apply(Event(), Now).Changed[0];
    private static readonly GrainInterfaces.Alerts.AlertSnapshot Alert = Record.ToSnapshot();
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(Now);

    private static ShieldConfig Shield(long id, long strategyId = 1, long bizId = 2) => new()
    {
        Id = id,
        BkBizId = bizId,
        Category = ShieldCategory.Strategy,
        BeginTime = Now - 60,
        EndTime = Now + 600,
        DimensionConfig = new ShieldDimensionConfig { StrategyIds = [strategyId] },
    };

    [Fact]
    public void The_lowest_covering_shield_answers_with_its_end()
    {
        var set = ShieldSet.Of([Shield(7), Shield(3, strategyId: 99), Shield(5) with { EndTime = Now + 60 }]);
        Assert.Equal(new ShieldMatch(true, 5, Now + 60), set.Match(Alert, At, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Nothing_matches_outside_the_window_in_another_business_or_after_delete()
    {
        Assert.Equal(ShieldMatch.None, ShieldSet.Of([Shield(1)]).Match(Alert, At.AddSeconds(601), TimeZoneInfo.Utc));
        Assert.Equal(ShieldMatch.None, ShieldSet.Of([Shield(1, bizId: 3)]).Match(Alert, At, TimeZoneInfo.Utc));
        var set = ShieldSet.Of([Shield(1)]);
        set.Put(Shield(1) with { DeleteTime = Now });
        Assert.Equal(ShieldMatch.None, set.Match(Alert, At, TimeZoneInfo.Utc));
    }

    [Fact]
    public void The_snapshot_is_matched_on_the_same_dimensions_as_the_alert_record()
        => Assert.Equal(ShieldAlertDimensions.Of(Record), ShieldAlertDimensions.Of(Alert));

    [Fact]
    public void A_daily_window_is_read_in_the_business_time_zone()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");
        var local = TimeZoneInfo.ConvertTime(At, zone);
        var from = local.AddMinutes(-1).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var to = local.AddMinutes(1).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var daily = Shield(1) with { CycleConfig = new ShieldCycleConfig { Type = ShieldCycleConfig.Daily, BeginTime = from, EndTime = to } };
        Assert.True(ShieldSet.Of([daily]).Match(Alert, At, zone).IsShielded);
        Assert.False(ShieldSet.Of([daily]).Match(Alert, At, TimeZoneInfo.Utc).IsShielded);
    }
}
