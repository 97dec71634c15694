using BkMonitor.Grains.Alerts;
using static BkMonitor.UnitTests.Alerts.AlertTestData;

namespace BkMonitor.UnitTests.Alerts;

public sealed class AlertCloseCheckTests
{
    internal static AlertStrategyFacts Facts(int triggerWindow = 3, string dataType = "time_series") => new()
    {
        StrategyId = 1,
        MetricIds = ["bk_monitor.system.net.speed_recv"],
        AggDimensions = [["bk_target_ip", "bk_target_cloud_id", "device"]],
        AggConditionMd5s = ["cond-a"],
        DetectLevels = [2],
        Triggers = new Dictionary<int, LevelTriggerConfig> { [2] = new(triggerWindow, 2) },
        Recoveries = new Dictionary<int, LevelRecoveryConfig> { [2] = new(2) },
        WindowUnit = 60,
        DataTypeLabel = dataType,
        NoDataEnabled = true,
    };

    private static AlertRecord OpenAlert(bool noData = false)
    {
        var alert = Machine(out _).Apply(Event(noData: noData), Now).Changed[0];
        alert.OriginStrategy = Facts();
        return alert;
    }

    private static string? Check(AlertRecord alert, AlertStrategyFacts? latest, long? checkpoint = Now, long now = Now)
        => AlertCloseCheck.Evaluate(alert, latest, new FakeDetectResults { Checkpoint = checkpoint }, now);

    [Fact]
    public void Deleted_or_disabled_strategy_closes_the_alert()
        => Assert.Equal("策略已被停用或删除，告警关闭", Check(OpenAlert(), latest: null));

    [Fact]
    public void Unchanged_strategy_with_fresh_data_keeps_the_alert()
        => Assert.Null(Check(OpenAlert(), Facts()));

    [Fact]
    public void Changed_metric_closes_the_alert()
        => Assert.Equal("策略监控项已被修改，告警关闭", Check(OpenAlert(), Facts() with { MetricIds = ["bk_monitor.system.net.speed_sent"] }));

    [Fact]
    public void Changed_dimension_set_closes_the_alert_but_reordering_does_not()
    {
        Assert.Equal("策略监控维度已被修改，告警关闭", Check(OpenAlert(), Facts() with { AggDimensions = [["bk_target_ip", "bk_target_cloud_id"]] }));
        Assert.Null(Check(OpenAlert(), Facts() with { AggDimensions = [["device", "bk_target_cloud_id", "bk_target_ip"]] }));
    }

    [Fact]
    public void Level_no_longer_in_detects_closes_the_alert_unless_levels_are_dynamic()
    {
        Assert.Equal("告警级别对应的检测算法已被删除，告警关闭", Check(OpenAlert(), Facts() with { DetectLevels = [1, 3] }));
        Assert.Null(Check(OpenAlert(), Facts() with { DetectLevels = [1, 3], HasDynamicLevels = true }));
    }

    [Fact]
    public void Nodata_alert_closes_when_its_condition_changes_or_nodata_is_disabled()
    {
        Assert.Equal("策略过滤条件已被修改，告警关闭", Check(OpenAlert(noData: true), Facts() with { AggConditionMd5s = ["cond-b"] }));
        Assert.Equal("无数据告警设置被关闭，告警关闭", Check(OpenAlert(noData: true), Facts() with { NoDataEnabled = false }));
        Assert.Null(Check(OpenAlert(noData: true), Facts() with { DetectLevels = [1] }));
    }

    [Theory]
    [InlineData(3, 1800)]   // max(max(3, 5) * 60, 1800)
    [InlineData(40, 2400)]  // max(40 * 60, 1800)
    public void Time_series_alert_closes_after_the_nodata_tolerance_is_exceeded(int triggerWindow, long tolerance)
    {
        var last = Now - 5000;
        Assert.Null(Check(OpenAlert(), Facts(triggerWindow), checkpoint: last, now: last + tolerance));
        Assert.Equal("在恢复检测周期内无数据上报，告警已失效", Check(OpenAlert(), Facts(triggerWindow), checkpoint: last, now: last + tolerance + 1));
    }

    [Fact]
    public void Log_alert_tolerance_adds_the_recovery_window_with_a_five_minute_floor()
    {
        // max((max(3, 5) + 2) * 60, 300) = 420
        var last = Now - 5000;
        Assert.Null(Check(OpenAlert(), Facts(dataType: "log"), checkpoint: last, now: last + 420));
        Assert.NotNull(Check(OpenAlert(), Facts(dataType: "log"), checkpoint: last, now: last + 421));
    }

    [Fact]
    public void Event_strategy_is_never_closed_for_missing_data()
        => Assert.Null(Check(OpenAlert(), Facts(dataType: "event"), checkpoint: null, now: Now + 100_000));

    [Fact]
    public void Nodata_alert_expires_a_day_after_its_last_event()
    {
        var alert = OpenAlert(noData: true);
        Assert.Null(Check(alert, Facts(), now: alert.LatestTime + 86_400));
        Assert.Equal("在恢复检测周期内，已经有 24h 没有产生无数据关联事件，告警已失效", Check(alert, Facts(), now: alert.LatestTime + 86_401));
    }

    [Fact]
    public void Alert_without_strategy_or_already_ended_is_left_alone()
    {
        var alert = OpenAlert();
        alert.StrategyId = null;
        Assert.Null(Check(alert, latest: null));
        var ended = OpenAlert();
        ended.Status = GrainInterfaces.Alerts.AlertStatus.Recovered;
        Assert.Null(Check(ended, latest: null));
    }
}
