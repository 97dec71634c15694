using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.Grains.Converge;
using static BkMonitor.UnitTests.Converge.ConvergeFixtures;

namespace BkMonitor.UnitTests.Converge;

public sealed class ConvergeWindowTests
{
    private static readonly ConvergeConfig ExceedTwo = Config(ConvergeFunction.SkipWhenExceed, count: 2);

    [Fact]
    public void Instance_exactly_timedelta_after_another_matches_it()
    {
        var state = new ConvergeState();
        Assert.Null(ConvergeEngine.Evaluate(state, Webhook(1, 1000), ExceedTwo, 1000).ConvergeId);

        var second = ConvergeEngine.Evaluate(state, Webhook(2, 1060), ExceedTwo, 1060);

        Assert.NotNull(second.ConvergeId);
        Assert.Single(state.Records);
    }

    [Fact]
    public void Instance_one_second_past_the_window_does_not_match()
    {
        var state = new ConvergeState();
        ConvergeEngine.Evaluate(state, Webhook(1, 1000), ExceedTwo, 1000);

        var second = ConvergeEngine.Evaluate(state, Webhook(2, 1061), ExceedTwo, 1061);

        Assert.Equal(ConvergeDecisionKind.Run, second.Kind);
        Assert.Null(second.ConvergeId);
        Assert.Empty(state.Records);
    }

    [Fact]
    public void Window_also_reaches_forward_to_later_created_instances()
    {
        var state = new ConvergeState();
        ConvergeEngine.Evaluate(state, Webhook(1, 1000), ExceedTwo, 1000);

        Assert.Null(ConvergeEngine.Evaluate(state, Webhook(2, 939), ExceedTwo, 1001).ConvergeId);
        Assert.NotNull(ConvergeEngine.Evaluate(state, Webhook(3, 940), ExceedTwo, 1001).ConvergeId);
    }

    [Fact]
    public void Timedelta_is_used_in_whole_minutes()
    {
        // bk-monitor floors timedelta to minutes: 90 s is a 60 s window.
        var config = Config(ConvergeFunction.SkipWhenExceed, count: 2, timedelta: 90);
        var state = new ConvergeState();
        ConvergeEngine.Evaluate(state, Webhook(1, 1000), config, 1000);

        Assert.Null(ConvergeEngine.Evaluate(state, Webhook(2, 1061), config, 1061).ConvergeId);
    }

    [Fact]
    public void Max_timedelta_widens_the_window()
    {
        var config = Config(ConvergeFunction.SkipWhenExceed, count: 2) with { MaxTimedelta = 300 };
        var state = new ConvergeState();
        ConvergeEngine.Evaluate(state, Webhook(1, 1000), config, 1000);

        Assert.NotNull(ConvergeEngine.Evaluate(state, Webhook(2, 1300), config, 1300).ConvergeId);
    }

    [Fact]
    public void Fewer_matches_than_count_open_no_record()
    {
        var state = new ConvergeState();
        var config = Config(ConvergeFunction.SkipWhenExceed, count: 3);
        ConvergeEngine.Evaluate(state, Webhook(1, 1000), config, 1000);
        var second = ConvergeEngine.Evaluate(state, Webhook(2, 1010), config, 1010);

        Assert.Equal(ConvergeDecisionKind.Run, second.Kind);
        Assert.Empty(state.Records);
    }

    [Fact]
    public void Literal_condition_values_are_a_union_within_a_dimension()
    {
        var config = Config(ConvergeFunction.SkipWhenExceed, count: 2) with
        {
            Condition = [new ConvergeCondition { Dimension = ConvergeDimension.AlertLevel, Value = ["1", "2"] }],
        };
        var state = new ConvergeState();
        ConvergeEngine.Evaluate(state, Webhook(1, 1000, level: 1), config, 1000);
        Assert.Null(ConvergeEngine.Evaluate(state, Webhook(3, 1005, level: 3), config, 1005).ConvergeId);

        Assert.NotNull(ConvergeEngine.Evaluate(state, Webhook(2, 1010, level: 2), config, 1010).ConvergeId);
    }

    [Fact]
    public void Different_condition_values_never_match()
    {
        var state = new ConvergeState();
        ConvergeEngine.Evaluate(state, Webhook(1, 1000, level: 1), ExceedTwo, 1000);

        Assert.Null(ConvergeEngine.Evaluate(state, Webhook(2, 1010, level: 2), ExceedTwo, 1010).ConvergeId);
    }

    [Fact]
    public void Notice_actions_always_converge_per_notice_info_over_120_seconds_with_count_1()
    {
        // The configured 600 s / count 5 / alert_info is overridden for notices.
        var configured = Config(ConvergeFunction.Collect, count: 5, timedelta: 600);
        var state = new ConvergeState();

        var first = ConvergeEngine.Evaluate(state, Notice(1, 1000), configured, 1000);
        var sameReceiver = ConvergeEngine.Evaluate(state, Notice(2, 1100), configured, 1100);
        var otherReceiver = ConvergeEngine.Evaluate(state, Notice(3, 1100, receiver: "bob"), configured, 1100);

        Assert.Equal(ConvergeDecisionKind.Run, first.Kind);
        Assert.Equal(new CollectSummarySchedule(first.ConvergeId!.Value, 1060), first.CollectSummary);
        Assert.Equal(ConvergeDecisionKind.Converged, sameReceiver.Kind);
        Assert.Equal(ActionStatus.Skipped, sameReceiver.Status);
        Assert.Equal(first.ConvergeId, sameReceiver.ConvergeId);
        Assert.Equal(ConvergeDecisionKind.Run, otherReceiver.Kind);
        Assert.NotEqual(first.ConvergeId, otherReceiver.ConvergeId);
    }

    [Fact]
    public void A_record_older_than_the_window_ends_and_the_next_instance_opens_a_new_one()
    {
        var configured = Config(ConvergeFunction.Collect);
        var state = new ConvergeState();
        var first = ConvergeEngine.Evaluate(state, Notice(1, 1000), configured, 1000);
        ConvergeEngine.Evaluate(state, Notice(2, 1100), configured, 1100);

        // Window of instance 4 starts at 1001, after the record was opened at 1000.
        var later = ConvergeEngine.Evaluate(state, Notice(4, 1121), configured, 1121);

        Assert.Equal(ConvergeDecisionKind.Run, later.Kind);
        Assert.NotEqual(first.ConvergeId, later.ConvergeId);
        Assert.Equal(1121, state.FindRecord(first.ConvergeId!.Value)!.EndTime);
    }
}
