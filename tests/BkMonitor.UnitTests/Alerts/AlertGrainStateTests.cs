using BkMonitor.Grains.Alerts;
using static BkMonitor.UnitTests.Alerts.AlertTestData;

namespace BkMonitor.UnitTests.Alerts;

/// <summary>Every persisted change raises the changed alerts' versions: the order the alert index keeps.</summary>
public sealed class AlertGrainStateTests
{
    [Fact]
    public void Keeping_a_transition_bumps_the_version_of_each_changed_alert_and_its_snapshot()
    {
        var state = new AlertGrainState();
        var machine = Machine(out _);
        state.Keep(machine.Apply(Event(), Now), machine.Current);
        var first = state.Current!;
        Assert.Equal(1, first.ToSnapshot().Version);

        state.Keep(machine.Ack("mine", Now + 1), machine.Current);
        Assert.Equal((2L, Now + 1), (first.ToSnapshot().Version, first.ToSnapshot().UpdateTime));

        var fatal = Event(severity: 1, time: Now - 180, eventId: "d41d8cd98f00b204e9800998ecf8427e.1699999820.1.1.1");
        state.Keep(machine.Apply(fatal, Now + 5), machine.Current);
        Assert.Equal(3, Assert.Single(state.Ended).Version);
        Assert.Equal(1, state.Current!.Version);
        Assert.NotSame(first, state.Current);
    }

    [Fact]
    public void A_command_that_changes_nothing_keeps_the_versions()
    {
        var state = new AlertGrainState();
        var machine = Machine(out _);
        state.Keep(machine.Apply(Event(), Now), machine.Current);
        state.Keep(machine.Close("done", Now + 1), machine.Current);
        Assert.Equal(2, state.Current!.Version);

        var rejected = machine.Close("again", Now + 2);
        Assert.Equal(AlertTransitionKind.Rejected, rejected.Kind);
        state.Keep(rejected, machine.Current);
        Assert.Equal(2, state.Current!.Version);
    }

    [Fact]
    public void A_pending_signal_is_stored_without_a_snapshot_and_a_stored_one_with_a_snapshot_still_reads()
    {
        var serializer = new BkMonitor.Runtime.Storage.JsonGrainStateSerializer();
        var state = new AlertGrainState();
        state.Pending.Add(new PendingSignal("0001", BkMonitor.GrainInterfaces.Alerts.AlertSignal.Abnormal, Now));

        var json = System.Text.Encoding.UTF8.GetString(serializer.Serialize(state));
        Assert.DoesNotContain("\"alert\"", json, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"time\"", json, StringComparison.OrdinalIgnoreCase);

        // A state written before pending signals lost their snapshot: the extra field is ignored.
        var older = json.Replace("\"time\"", "\"alert\":{\"id\":\"0001\"},\"time\"", StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"alert\"", older, StringComparison.OrdinalIgnoreCase);
        var read = serializer.Deserialize<AlertGrainState>(System.Text.Encoding.UTF8.GetBytes(older));
        Assert.Equal(state.Pending, read.Pending);
    }
}
