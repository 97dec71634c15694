using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.Grains.Converge;
using static BkMonitor.UnitTests.Converge.ConvergeFixtures;

namespace BkMonitor.UnitTests.Converge;

public sealed class ConvergeFunctionTests
{
    private readonly ConvergeState _state = new();

    private ConvergeDecision Eval(long id, long t, ConvergeConfig config, string status = ActionStatus.Received, bool biz = false) =>
        ConvergeEngine.Evaluate(_state, Webhook(id, t, status: status), config, t, biz);

    [Fact]
    public void Skip_when_success_waits_while_the_first_runs_then_skips_once_it_succeeded()
    {
        var config = Config(ConvergeFunction.SkipWhenSuccess);
        Assert.Equal(ConvergeDecisionKind.Run, Eval(1, 1000, config).Kind);
        _state.UpdateStatus(1, ActionStatus.Running);

        var waiting = Eval(2, 1010, config);
        Assert.Equal(ConvergeDecisionKind.Wait, waiting.Kind);
        Assert.Equal(1010 + ConvergeEngine.SleepRecheckSeconds, waiting.RecheckAt);

        _state.UpdateStatus(1, ActionStatus.Success);
        var recheck = Eval(2, 1040, config, ActionStatus.Sleep);
        Assert.Equal(ConvergeDecisionKind.Converged, recheck.Kind);
    }

    [Fact]
    public void Skip_when_success_runs_when_the_first_failed()
    {
        var config = Config(ConvergeFunction.SkipWhenSuccess);
        Eval(1, 1000, config);
        _state.UpdateStatus(1, ActionStatus.Failure);

        var second = Eval(2, 1010, config);

        Assert.Equal(ConvergeDecisionKind.Run, second.Kind);
        Assert.Equal(ActionStatus.Converged, second.Status);
    }

    [Fact]
    public void Approve_when_failed_asks_approval_unless_another_succeeded()
    {
        var config = Config(ConvergeFunction.ApproveWhenFailed);
        // Like bk-monitor, the instance that opens the record has nothing succeeded before it.
        Assert.Equal(ConvergeDecisionKind.Approval, Eval(1, 1000, config).Kind);
        _state.UpdateStatus(1, ActionStatus.Failure);
        Assert.Equal(ActionStatus.Waiting, Eval(2, 1010, config).Status);
    }

    [Fact]
    public void Approve_when_failed_skips_after_a_success()
    {
        var config = Config(ConvergeFunction.ApproveWhenFailed);
        Eval(1, 1000, config);
        _state.UpdateStatus(1, ActionStatus.Success);

        Assert.Equal(ConvergeDecisionKind.Converged, Eval(2, 1010, config).Kind);
    }

    // skip_when_proceed: skip while another runs or just finished without failing.
    // wait_when_proceed: wait only while another is in flight.
    [Theory]
    [InlineData(ConvergeFunction.SkipWhenProceed, ActionStatus.Running, nameof(ConvergeDecisionKind.Converged))]
    [InlineData(ConvergeFunction.SkipWhenProceed, ActionStatus.Success, nameof(ConvergeDecisionKind.Converged))]
    [InlineData(ConvergeFunction.SkipWhenProceed, ActionStatus.Failure, nameof(ConvergeDecisionKind.Run))]
    [InlineData(ConvergeFunction.WaitWhenProceed, ActionStatus.Running, nameof(ConvergeDecisionKind.Wait))]
    [InlineData(ConvergeFunction.WaitWhenProceed, ActionStatus.Success, nameof(ConvergeDecisionKind.Run))]
    [InlineData(ConvergeFunction.WaitWhenProceed, ActionStatus.Failure, nameof(ConvergeDecisionKind.Run))]
    public void Proceed_functions_look_at_the_first_instance_status(string func, string firstStatus, string expected)
    {
        var config = Config(func);
        Eval(1, 1000, config);
        _state.UpdateStatus(1, firstStatus);

        Assert.Equal(expected, Eval(2, 1010, config).Kind.ToString());
    }

    [Fact]
    public void Defense_runs_the_first_count_then_asks_approval()
    {
        var config = Config(ConvergeFunction.Defense, count: 2);
        Assert.Equal(ConvergeDecisionKind.Run, Eval(1, 1000, config).Kind);
        Assert.Equal(ConvergeDecisionKind.Run, Eval(2, 1005, config).Kind);

        var third = Eval(3, 1010, config);
        var fourth = Eval(4, 1015, config);

        Assert.Equal(ConvergeDecisionKind.Approval, third.Kind);
        Assert.Equal(ActionStatus.Waiting, third.Status);
        Assert.Equal(ConvergeDecisionKind.Approval, fourth.Kind);
    }

    [Fact]
    public void Skip_when_exceed_runs_the_first_count_then_skips()
    {
        var config = Config(ConvergeFunction.SkipWhenExceed, count: 2);
        Eval(1, 1000, config);
        Eval(2, 1005, config);

        var third = Eval(3, 1010, config);

        Assert.Equal(ConvergeDecisionKind.Converged, third.Kind);
        Assert.Equal(ActionStatus.Skipped, third.Status);
        Assert.False(string.IsNullOrEmpty(third.Reason));
    }

    [Fact]
    public void Collect_runs_the_opener_schedules_a_summary_a_minute_later_and_skips_the_rest()
    {
        var config = Config(ConvergeFunction.Collect);
        var first = Eval(1, 1000, config);
        var second = Eval(2, 1010, config);
        var third = Eval(3, 1020, config);

        Assert.Equal(ConvergeDecisionKind.Run, first.Kind);
        Assert.Equal(1000 + ConvergeEngine.CollectDelaySeconds, first.CollectSummary!.DueAt);
        Assert.Equal(ConvergeDecisionKind.Converged, second.Kind);
        Assert.Null(second.CollectSummary);
        Assert.Equal([2L, 3L], ConvergeEngine.TakeCollectSummary(_state, first.ConvergeId!.Value, 1060));
    }

    [Fact]
    public void Collect_summary_is_taken_once_and_ends_the_record()
    {
        var config = Config(ConvergeFunction.Collect);
        var first = Eval(1, 1000, config);
        Eval(2, 1010, config);
        var id = first.ConvergeId!.Value;

        ConvergeEngine.TakeCollectSummary(_state, id, 1060);

        Assert.Empty(ConvergeEngine.TakeCollectSummary(_state, id, 1061));
        Assert.Equal(1060, _state.FindRecord(id)!.EndTime);
        // The next instance opens a fresh record instead of joining the summarised one.
        Assert.Equal(ConvergeDecisionKind.Run, Eval(3, 1070, config).Kind);
    }

    [Fact]
    public void Collect_summary_without_converged_instances_is_empty()
    {
        var first = Eval(1, 1000, Config(ConvergeFunction.Collect));

        Assert.Empty(ConvergeEngine.TakeCollectSummary(_state, first.ConvergeId!.Value, 1060));
    }

    [Fact]
    public void Collect_skips_even_the_opener_when_a_business_summary_covers_it()
    {
        var first = Eval(1, 1000, Config(ConvergeFunction.Collect), biz: true);

        Assert.Equal(ConvergeDecisionKind.Converged, first.Kind);
        Assert.NotNull(first.CollectSummary);
    }

    [Fact]
    public void Collect_alarm_skips_everything_and_schedules_one_summary()
    {
        var config = Config(ConvergeFunction.CollectAlarm);
        var first = Eval(1, 1000, config);
        var second = Eval(2, 1010, config);

        Assert.Equal(ConvergeDecisionKind.Converged, first.Kind);
        Assert.NotNull(first.CollectSummary);
        Assert.Equal(ConvergeDecisionKind.Converged, second.Kind);
        Assert.Null(second.CollectSummary);
        Assert.Equal([1L, 2L], ConvergeEngine.TakeCollectSummary(_state, first.ConvergeId!.Value, 1060));
    }

    [Fact]
    public void Trigger_runs_only_the_instance_reaching_the_threshold_among_the_converged()
    {
        var config = Config(ConvergeFunction.Trigger, count: 2);
        Eval(1, 1000, config);
        Assert.Equal(ConvergeDecisionKind.Run, Eval(2, 1005, config).Kind);
        Assert.Equal(ConvergeDecisionKind.Converged, Eval(3, 1010, config).Kind);
    }

    [Fact]
    public void Relevance_never_converges()
    {
        var config = Config(ConvergeFunction.Relevance);
        Eval(1, 1000, config);
        var second = Eval(2, 1010, config);

        Assert.Equal(ConvergeDecisionKind.Run, second.Kind);
        Assert.NotNull(second.ConvergeId);
    }
}
