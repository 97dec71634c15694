using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Grains.Alerts;
using static BkMonitor.UnitTests.Alerts.AlertTestData;

namespace BkMonitor.UnitTests.Alerts;

// unit 60 s, trigger 2 of 3 periods, recovery 3 periods: trigger window = [end - 179, end],
// windows end at L, L-60, L-120, and the fetched range is [L - 359, L].
public sealed class AlertRecoveryCheckTests
{
    private const long L = Now - 60;

    private static AlertStrategyFacts Facts(string setter = "recovery", string dataType = "time_series", string source = "bk_monitor")
        => AlertCloseCheckTests.Facts(dataType: dataType) with
        {
            Recoveries = new Dictionary<int, LevelRecoveryConfig> { [2] = new(3, setter) },
            DataSourceLabel = source,
        };

    private static AlertRecord OpenAlert(bool noData = false) => Machine(out _).Apply(Event(noData: noData), Now).Changed[0];

    private static RecoveryDecision Check(FakeDetectResults detect, AlertStrategyFacts? facts = null, AlertRecord? alert = null, long now = Now)
        => AlertRecoveryCheck.Evaluate(alert ?? OpenAlert(), facts ?? Facts(), detect, now);

    private static FakeDetectResults Detect(long? checkpoint = L) => new() { Checkpoint = checkpoint };

    [Fact]
    public void Clean_windows_recover_the_alert()
    {
        var decision = Check(Detect().Normal(L, L - 60, L - 120));
        Assert.True(decision.ShouldEnd);
        Assert.Equal(AlertStatus.Recovered, decision.Status);
        Assert.Equal("连续 3 个周期不满足触发条件，告警已恢复", decision.Message);
    }

    [Fact]
    public void Trigger_count_anomalies_inside_the_oldest_window_keep_the_alert_open()
    {
        var detect = Detect().Normal(L, L - 60, L - 120).Anomalies(L - 299, L - 240);
        var decision = Check(detect);
        Assert.False(decision.ShouldEnd);
        Assert.Equal(true, decision.IsRecovering);
        Assert.Equal((L - 359, L), detect.LastQuery);
    }

    [Fact]
    public void Anomaly_one_second_before_the_oldest_window_does_not_count()
        => Assert.True(Check(Detect().Normal(L, L - 60, L - 120).Anomalies(L - 300, L - 240)).ShouldEnd);

    [Fact]
    public void Fewer_anomalies_than_the_trigger_count_in_every_window_recover()
        => Assert.True(Check(Detect().Anomalies(L, L - 180, L - 360)).ShouldEnd);

    [Fact]
    public void Close_status_setter_ends_the_alert_as_closed()
    {
        var decision = Check(Detect().Normal(L), Facts(setter: "close"));
        Assert.Equal((AlertStatus.Closed, "连续 3 个周期不满足触发条件，告警已关闭"), (decision.Status, decision.Message));
    }

    [Fact]
    public void Missing_last_detect_time_recovers_by_nodata()
    {
        var decision = Check(Detect(checkpoint: null));
        Assert.True(decision.ShouldEnd);
        Assert.Equal("在恢复检测周期内无数据上报，告警已恢复", decision.Message);
    }

    [Fact]
    public void Time_series_without_any_check_result_stays_open()
    {
        var decision = Check(Detect());
        Assert.False(decision.ShouldEnd);
        Assert.Null(decision.IsRecovering);
    }

    [Fact]
    public void Recovery_nodata_setter_recovers_once_data_is_gone_for_both_windows_and_a_period()
    {
        // L + 180 (recovery) + 179 (trigger) + 60 (unit) = L + 419
        var detect = Detect().Normal(L);
        Assert.Equal("连续 3 个周期不满足触发条件，告警已恢复", Check(detect, Facts("recovery-nodata"), now: L + 419).Message);
        Assert.Equal("在恢复检测周期内无数据上报，告警已恢复", Check(detect, Facts("recovery-nodata"), now: L + 420).Message);
        Assert.Equal("在恢复检测周期内无数据上报，告警已关闭", Check(detect, Facts("close-nodata"), now: L + 420).Message);
    }

    [Fact]
    public void Stale_last_detect_time_is_moved_up_to_the_nodata_tolerance()
    {
        var detect = Detect(checkpoint: Now - 5000);
        Check(detect);
        Assert.Equal((Now - 1800 - 359, Now - 1800), detect.LastQuery);
    }

    [Fact]
    public void Anomalous_latest_window_aborts_a_recovery_period()
    {
        var alert = OpenAlert();
        alert.IsRecovering = true;
        var decision = Check(Detect().Anomalies(L, L - 60), alert: alert);
        Assert.False(decision.ShouldEnd);
        Assert.Equal(false, decision.IsRecovering);
    }

    [Fact]
    public void Nodata_alert_recovers_when_its_dimensions_report_again()
    {
        var ongoing = Detect();
        Assert.False(Check(ongoing, alert: OpenAlert(noData: true)).ShouldEnd);
        var back = Detect();
        back.NoDataOngoing = false;
        var decision = Check(back, alert: OpenAlert(noData: true));
        Assert.Equal((true, AlertStatus.Recovered, "当前维度检测到新的上报数据，无数据告警已恢复"), (decision.ShouldEnd, decision.Status, decision.Message));
    }

    [Theory]
    [InlineData("bk_monitor", Now)]
    [InlineData("custom", Now - 60)]
    public void Event_strategies_look_back_from_now_and_custom_events_one_period_more(string source, long expectedEnd)
    {
        var detect = Detect(checkpoint: null);
        Assert.True(Check(detect, Facts(dataType: "event", source: source)).ShouldEnd);
        Assert.Equal(expectedEnd, detect.LastQuery!.Value.To);
    }
}
