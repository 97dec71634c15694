using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Grains.Alerts;
using static BkMonitor.UnitTests.Alerts.AlertTestData;

namespace BkMonitor.UnitTests.Alerts;

public sealed class AlertChecksTests
{
    private const long L = Now - 60;

    [Fact]
    public void Close_rules_run_before_recovery()
    {
        var machine = Machine(out _);
        machine.Apply(Event(), Now);
        var t = AlertChecks.Run(machine, latest: null, new FakeDetectResults { Checkpoint = L }.Normal(L), Now);
        Assert.Equal(AlertStatus.Closed, machine.Current!.Status);
        Assert.Equal(AlertSignal.Closed, Assert.Single(t.Signals).Signal);
    }

    [Fact]
    public void Clean_windows_end_the_alert_with_a_recovered_signal()
    {
        var machine = Machine(out _);
        machine.Apply(Event(), Now);
        var t = AlertChecks.Run(machine, AlertCloseCheckTests.Facts(), new FakeDetectResults { Checkpoint = L }.Normal(L), Now);
        Assert.Equal(AlertStatus.Recovered, machine.Current!.Status);
        Assert.Equal(Now, machine.Current.EndTime);
        Assert.Equal("连续 2 个周期不满足触发条件，告警已恢复", machine.Current.EndDescription);
        Assert.Equal(AlertSignal.Recovered, Assert.Single(t.Signals).Signal);
    }

    [Fact]
    public void Aborted_recovery_period_asks_for_the_held_back_unshield_notice()
    {
        var machine = Machine(out _);
        machine.Apply(Event(), Now);
        var alert = machine.Current!;
        alert.IsRecovering = true;
        alert.IgnoreUnshieldNotice = true;

        var t = AlertChecks.Run(machine, AlertCloseCheckTests.Facts(), new FakeDetectResults { Checkpoint = L }.Anomalies(L, L - 60), Now);

        Assert.Equal(AlertTransitionKind.Updated, t.Kind);
        Assert.False(alert.IsRecovering);
        Assert.False(alert.IgnoreUnshieldNotice);
        Assert.True(alert.NeedUnshieldNotice);
    }

    [Fact]
    public void Blocked_alerts_are_not_checked()
    {
        var machine = Machine(out _);
        machine.Apply(Event(), Now);
        machine.Current!.IsBlocked = true;
        Assert.Equal(AlertTransitionKind.Ignored, AlertChecks.Run(machine, latest: null, new FakeDetectResults(), Now).Kind);
        Assert.True(machine.Current.IsAbnormal);
    }
}
