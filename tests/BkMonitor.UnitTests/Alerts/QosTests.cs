using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Grains.Alerts;
using static BkMonitor.UnitTests.Alerts.AlertTestData;

namespace BkMonitor.UnitTests.Alerts;

public sealed class QosTests
{
    private static QosKey Key(int severity = 2) => new(1, "ABNORMAL", severity, "");

    [Fact]
    public void The_201st_new_alert_within_60_seconds_is_blocked()
    {
        var qos = new QosCounter();
        for (var i = 1; i <= 200; i++) Assert.False(qos.Register(Key(), Now + (i % 60)).IsBlocked, $"alert {i}");
        var verdict = qos.Register(Key(), Now + 59);
        Assert.True(verdict.IsBlocked);
        Assert.Equal(201, verdict.Count);
        Assert.Equal("告警所属策略在当前窗口期（1 min）内产生的告警数量(201)个，已大于QOS阈值(200)，当前告警被流控", verdict.Message);
    }

    [Fact]
    public void The_window_opens_with_the_first_alert_and_resets_after_60_seconds()
    {
        var qos = new QosCounter(threshold: 2);
        qos.Register(Key(), Now);
        qos.Register(Key(), Now + 30);
        Assert.True(qos.Register(Key(), Now + 59).IsBlocked);
        Assert.Equal(3, qos.Peek(Key(), Now + 59).Count);
        Assert.Equal(0, qos.Peek(Key(), Now + 60).Count);
        Assert.False(qos.Register(Key(), Now + 60).IsBlocked);
    }

    [Fact]
    public void Severities_and_signals_are_counted_apart()
    {
        var qos = new QosCounter(threshold: 1);
        qos.Register(Key(2), Now);
        Assert.False(qos.Register(Key(1), Now).IsBlocked);
        Assert.False(qos.Register(new QosKey(1, "no_data", 2, ""), Now).IsBlocked);
        Assert.True(qos.Register(Key(2), Now).IsBlocked);
    }

    [Fact]
    public void Zero_threshold_disables_qos()
        => Assert.False(new QosCounter(threshold: 0).Register(Key(), Now).IsBlocked);

    [Fact]
    public void Blocked_alert_is_flagged_and_emits_no_signal()
    {
        var qos = new QosCounter(threshold: 1);
        qos.Register(Key(), Now);
        var machine = Machine(out _, qos);

        var t = machine.Apply(Event(severity: 2), Now);

        Assert.True(machine.Current!.IsBlocked);
        Assert.Empty(t.Signals);
        Assert.Empty(machine.Close("x", Now + 1).Signals);
    }

    [Fact]
    public void Blocked_alert_is_closed_and_replaced_once_the_window_count_drops()
    {
        var qos = new QosCounter(threshold: 1);
        qos.Register(Key(), Now);
        var machine = Machine(out _, qos);
        var blocked = machine.Apply(Event(), Now).Changed[0];

        var t = machine.Apply(Event(time: Now + 10, eventId: "e.1.1.1.2"), Now + 61);

        Assert.Equal(AlertTransitionKind.Replaced, t.Kind);
        Assert.Equal(AlertStatus.Closed, blocked.Status);
        Assert.StartsWith("告警所属策略在当前窗口期（1 min）内产生的告警数量(0)个，低于QOS阈值(1)", blocked.EndDescription, StringComparison.Ordinal);
        Assert.False(machine.Current!.IsBlocked);
        Assert.Equal([new EmittedSignal(machine.Current.Id, AlertSignal.Abnormal)], t.Signals);
    }

    [Fact]
    public void Alerts_without_strategy_are_counted_by_business_name_signal_and_severity()
    {
        var alert = Machine(out _).Apply(Event(), Now).Changed[0];
        alert.StrategyId = null;
        var key = AlertStateMachine.QosKeyOf(alert);
        // count_md5({"bk_biz_id": 2, "alert_name": "cpu usage", "signal": "ABNORMAL", "severity": 2}) in CPython.
        Assert.Equal(new QosKey(0, "ABNORMAL", 2, "3ac935fd33728f5cdf3da1ae2fff5209"), key);
    }
}
