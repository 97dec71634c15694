using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Grains.Alerts;
using static BkMonitor.UnitTests.Alerts.AlertTestData;

namespace BkMonitor.UnitTests.Alerts;

public sealed class AlertStateMachineTests
{
    [Fact]
    public void Abnormal_event_opens_an_alert_with_spec_times_and_id()
    {
        var machine = Machine(out var sequence);
        sequence.Value = 41;
        var ev = Event(time: Now - 120, anomalyTime: Now - 300);

        var t = machine.Apply(ev, Now);

        Assert.Equal(AlertTransitionKind.Created, t.Kind);
        var alert = Assert.Single(t.Changed);
        Assert.Equal("170000000042", alert.Id);
        Assert.Equal(Now - 120, alert.BeginTime);
        Assert.Equal(Now - 120, alert.LatestTime);
        Assert.Equal(Now - 300, alert.FirstAnomalyTime);
        Assert.Equal(AlertStatus.Abnormal, alert.Status);
        Assert.Equal(1, alert.EventCount);
        Assert.Equal(ev.DedupeMd5, alert.DedupeMd5);
        var dimension = Assert.Single(alert.Dimensions);
        Assert.Equal(("tags.device", "eth0"), (dimension.Key, dimension.Value));
        Assert.Equal([new EmittedSignal(alert.Id, AlertSignal.Abnormal)], t.Signals);
    }

    [Fact]
    public void Nodata_event_opens_an_alert_that_signals_no_data_and_hides_the_nodata_tag()
    {
        var t = Machine(out _).Apply(Event(noData: true), Now);
        var alert = Assert.Single(t.Changed);
        Assert.True(alert.IsNoData);
        Assert.DoesNotContain(alert.Dimensions, d => d.Key == "tags.__NO_DATA_DIMENSION__");
        Assert.Equal(AlertSignal.NoData, Assert.Single(t.Signals).Signal);
    }

    [Fact]
    public void Recovery_event_without_an_open_alert_is_ignored()
    {
        var machine = Machine(out _);
        Assert.Equal(AlertTransitionKind.Ignored, machine.Apply(Event(status: "RECOVERED"), Now).Kind);
        Assert.Null(machine.Current);
    }

    [Fact]
    public void Later_event_of_same_severity_updates_latest_time_and_top_event_without_new_signal()
    {
        var machine = Machine(out _);
        machine.Apply(Event(time: Now - 120), Now);
        var later = Event(time: Now - 60, eventId: "d41d8cd98f00b204e9800998ecf8427e.1699999940.1.1.2");

        var t = machine.Apply(later, Now);

        Assert.Equal(AlertTransitionKind.Updated, t.Kind);
        Assert.Empty(t.Signals);
        var alert = machine.Current!;
        Assert.Equal(Now - 60, alert.LatestTime);
        Assert.Equal(Now - 120, alert.BeginTime);
        Assert.Equal(later.Id, alert.TopEvent.Id);
        Assert.Equal(2, alert.EventCount);
    }

    [Fact]
    public void Event_older_than_begin_time_only_moves_begin_time_back()
    {
        var machine = Machine(out _);
        var first = Event(time: Now - 120);
        machine.Apply(first, Now);

        machine.Apply(Event(time: Now - 240, anomalyTime: Now - 240, eventId: "a.1.1.1.2"), Now);

        var alert = machine.Current!;
        Assert.Equal(Now - 240, alert.BeginTime);
        Assert.Equal(Now - 120, alert.LatestTime);
        Assert.Equal(Now - 240, alert.FirstAnomalyTime);
        Assert.Equal(first.Id, alert.TopEvent.Id);
    }

    [Fact]
    public void More_severe_event_closes_the_alert_and_opens_a_new_one()
    {
        var machine = Machine(out _);
        var old = machine.Apply(Event(severity: 2, time: Now - 120), Now).Changed[0];
        var fatal = Event(severity: 1, time: Now - 180, eventId: "d41d8cd98f00b204e9800998ecf8427e.1699999820.1.1.1");

        var t = machine.Apply(fatal, Now + 5);

        Assert.Equal(AlertTransitionKind.Replaced, t.Kind);
        Assert.Equal(AlertStatus.Closed, old.Status);
        Assert.Equal("存在更高级别的告警，告警关闭", old.EndDescription);
        Assert.Equal(Now - 120, old.EndTime);
        var opened = machine.Current!;
        Assert.NotEqual(old.Id, opened.Id);
        Assert.Equal(1, opened.Severity);
        Assert.Equal(Now - 180, opened.BeginTime);
        Assert.Equal([new EmittedSignal(old.Id, AlertSignal.Closed), new EmittedSignal(opened.Id, AlertSignal.Abnormal)], t.Signals);
    }

    [Fact]
    public void Less_severe_event_than_the_top_event_is_dropped()
    {
        var machine = Machine(out _);
        machine.Apply(Event(severity: 2), Now);

        var t = machine.Apply(Event(severity: 3, time: Now - 60, eventId: "b.1.1.1.3"), Now);

        Assert.Equal(AlertTransitionKind.Dropped, t.Kind);
        Assert.Equal(1, machine.Current!.EventCount);
        Assert.Equal(Now - 120, machine.Current.LatestTime);
    }

    [Fact]
    public void Recovery_event_ends_the_alert_at_the_event_time()
    {
        var machine = Machine(out _);
        machine.Apply(Event(), Now);

        var t = machine.Apply(Event(status: "RECOVERED", time: Now - 30), Now);

        Assert.Equal(AlertTransitionKind.Ended, t.Kind);
        Assert.Equal(AlertStatus.Recovered, machine.Current!.Status);
        Assert.Equal(Now - 30, machine.Current.EndTime);
        Assert.Equal(AlertSignal.Recovered, Assert.Single(t.Signals).Signal);
    }

    [Fact]
    public void Redelivered_event_is_not_counted_twice()
    {
        var machine = Machine(out _);
        var ev = Event();
        machine.Apply(ev, Now);
        Assert.Equal(AlertTransitionKind.Dropped, machine.Apply(ev, Now + 1).Kind);
        Assert.Equal(1, machine.Current!.EventCount);
    }

    [Fact]
    public void Event_older_than_a_day_opens_nothing()
    {
        var machine = Machine(out _);
        Assert.Equal(AlertTransitionKind.Dropped, machine.Apply(Event(time: Now - 86_401), Now).Kind);
        Assert.Null(machine.Current);
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(59, 60)]
    [InlineData(61, 61)]
    [InlineData(600, 600)]
    public void Duration_is_latest_minus_first_anomaly_floored_at_60(long span, long expected)
    {
        var alert = Machine(out _).Apply(Event(time: Now - 100, anomalyTime: Now - 100 - span), Now).Changed[0];
        Assert.Equal(expected, alert.Duration);
        Assert.Equal(expected, alert.ToSnapshot().Duration);
    }

    [Fact]
    public void Each_signal_fires_once_over_the_alert_life()
    {
        var machine = Machine(out _);
        var signals = new List<EmittedSignal>();
        signals.AddRange(machine.Apply(Event(), Now).Signals);
        signals.AddRange(machine.Apply(Event(time: Now - 60, eventId: "c.1.1.1.2"), Now).Signals);
        signals.AddRange(machine.Ack("on it", Now).Signals);
        Assert.Equal(AlertTransitionKind.Rejected, machine.Ack("again", Now).Kind);
        signals.AddRange(machine.Close("manual", Now + 10).Signals);
        Assert.Equal(AlertTransitionKind.Rejected, machine.Close("again", Now + 20).Kind);

        Assert.Equal([AlertSignal.Abnormal, AlertSignal.Ack, AlertSignal.Closed], signals.Select(s => s.Signal));
    }

    [Fact]
    public void Signal_already_recorded_in_persisted_state_is_not_emitted_again()
    {
        var first = Machine(out _);
        var alert = first.Apply(Event(), Now).Changed[0];
        alert.EmittedSignals.Add(AlertSignal.Closed); // a crash after emitting but before the status change was saved
        var restored = Machine(out _, current: alert);

        var t = restored.Close("manual", Now + 60);

        Assert.Equal(AlertStatus.Closed, alert.Status);
        Assert.Empty(t.Signals);
    }

    [Fact]
    public void Manual_close_ends_now_with_the_given_description()
    {
        var machine = Machine(out _);
        machine.Apply(Event(), Now);
        machine.Close("closed by admin", Now + 90);
        Assert.Equal(Now + 90, machine.Current!.EndTime);
        Assert.Equal("closed by admin", machine.Current.EndDescription);
        Assert.Throws<ArgumentException>(() => machine.EndNow(AlertStatus.Abnormal, "x", Now));
    }

    [Fact]
    public void Snapshot_carries_the_api_fields_and_top_event()
    {
        var machine = Machine(out _);
        machine.Apply(Event(), Now);
        machine.Ack(null, Now);
        var snapshot = machine.Current!.ToSnapshot();
        Assert.Equal(2, snapshot.BkBizId);
        Assert.Equal(1, snapshot.StrategyId);
        Assert.True(snapshot.IsAck);
        Assert.Equal("127.0.0.1|0", snapshot.Event.Target);
        Assert.Equal(machine.Current.TopEvent.EventId, snapshot.Event.EventId);
    }
}
