using System.Text.Json;
using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.Grains.Converge;
using static BkMonitor.UnitTests.Converge.ConvergeFixtures;

namespace BkMonitor.UnitTests.Converge;

public sealed class ConvergeEngineTests
{
    [Fact]
    public void Missing_config_runs_without_converging()
    {
        var decision = ConvergeEngine.Evaluate(new ConvergeState(), Webhook(1, 1000), null, 1000);

        Assert.Equal(ConvergeDecisionKind.Run, decision.Kind);
        Assert.Equal(ActionStatus.Converged, decision.Status);
        Assert.Null(decision.ConvergeId);
    }

    [Fact]
    public void Disabled_config_runs_without_converging()
    {
        var state = new ConvergeState();
        var config = Config(ConvergeFunction.SkipWhenExceed) with { IsEnabled = false };
        ConvergeEngine.Evaluate(state, Webhook(1, 1000), config, 1000);

        var decision = ConvergeEngine.Evaluate(state, Webhook(2, 1000), config, 1000);

        Assert.Equal(ConvergeDecisionKind.Run, decision.Kind);
        Assert.Equal("converge disabled", decision.Reason);
    }

    [Theory]
    [InlineData(0, 1, "timedelta <= 0")]
    [InlineData(60, -1, "count < 0")]
    public void Illegal_config_runs_and_says_why(int timedelta, int count, string expected)
    {
        var config = Config(ConvergeFunction.Defense, count, timedelta);

        var decision = ConvergeEngine.Evaluate(new ConvergeState(), Webhook(1, 1000), config, 1000);

        Assert.Equal(ConvergeDecisionKind.Run, decision.Kind);
        Assert.Contains(expected, decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_converge_function_runs_and_names_it()
    {
        var decision = ConvergeEngine.Evaluate(new ConvergeState(), Webhook(1, 1000), Config("nope"), 1000);

        Assert.Equal(ConvergeDecisionKind.Run, decision.Kind);
        Assert.Contains("'nope'", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Action_without_condition_converges_on_action_info()
    {
        var state = new ConvergeState();
        var config = Config(ConvergeFunction.SkipWhenExceed, count: 1) with { Condition = [] };
        ConvergeEngine.Evaluate(state, Webhook(1, 1000), config, 1000);

        // Same strategy, signal and action config, other level: action_info still matches.
        var second = ConvergeEngine.Evaluate(state, Webhook(2, 1010, level: 3), config, 1010);

        Assert.Equal(ConvergeDecisionKind.Converged, second.Kind);
    }

    [Fact]
    public void Parent_notice_actions_never_converge()
    {
        var subject = Notice(1, 1000) with { IsParentAction = true };

        var decision = ConvergeEngine.Evaluate(new ConvergeState(), subject, Config(ConvergeFunction.Collect), 1000);

        Assert.Equal(ConvergeDecisionKind.Run, decision.Kind);
        Assert.Null(decision.ConvergeId);
    }

    [Fact]
    public void Ended_action_is_left_alone()
    {
        var decision = ConvergeEngine.Evaluate(
            new ConvergeState(), Webhook(1, 1000, status: ActionStatus.Success), Config(ConvergeFunction.Collect), 1000);

        Assert.Equal(ConvergeDecisionKind.AlreadyFinished, decision.Kind);
        Assert.Null(decision.Status);
    }

    [Fact]
    public void Sleeping_action_past_its_timeout_is_skipped()
    {
        var subject = Webhook(1, 1000, status: ActionStatus.Sleep) with { TimeoutSeconds = 600 };
        var state = new ConvergeState();

        Assert.NotEqual(ConvergeDecisionKind.Skip, ConvergeEngine.Evaluate(state, subject, Config(ConvergeFunction.WaitWhenProceed), 1600).Kind);
        var late = ConvergeEngine.Evaluate(state, subject, Config(ConvergeFunction.WaitWhenProceed), 1601);

        Assert.Equal(ConvergeDecisionKind.Skip, late.Kind);
        Assert.Equal(ActionStatus.Skipped, late.Status);
    }

    [Fact]
    public void Decided_status_is_recorded_in_the_state()
    {
        var state = new ConvergeState();
        var config = Config(ConvergeFunction.SkipWhenExceed);
        ConvergeEngine.Evaluate(state, Webhook(1, 1000), config, 1000);
        ConvergeEngine.Evaluate(state, Webhook(2, 1010), config, 1010);

        Assert.Equal(ActionStatus.Converged, state.FindMember(1)!.Status);
        Assert.Equal(ActionStatus.Skipped, state.FindMember(2)!.Status);
        Assert.True(state.FindMember(1)!.Executed);
        Assert.False(state.FindMember(2)!.Executed);
    }

    [Fact]
    public void State_survives_a_json_round_trip_with_the_same_decisions()
    {
        var config = Config(ConvergeFunction.Defense, count: 2);
        var state = new ConvergeState();
        ConvergeEngine.Evaluate(state, Webhook(1, 1000), config, 1000);
        ConvergeEngine.Evaluate(state, Webhook(2, 1005), config, 1005);

        var restored = JsonSerializer.Deserialize<ConvergeState>(JsonSerializer.Serialize(state))!;
        var fromRestored = ConvergeEngine.Evaluate(restored, Webhook(3, 1010), config, 1010);
        var fromOriginal = ConvergeEngine.Evaluate(state, Webhook(3, 1010), config, 1010);

        Assert.Equal(fromOriginal, fromRestored);
        Assert.Equal(ConvergeDecisionKind.Approval, fromRestored.Kind);
    }

    [Fact]
    public void Prune_forgets_old_instances_and_records()
    {
        var state = new ConvergeState();
        var config = Config(ConvergeFunction.SkipWhenExceed);
        ConvergeEngine.Evaluate(state, Webhook(1, 1000), config, 1000);
        ConvergeEngine.Evaluate(state, Webhook(2, 5000), config, 5000);

        state.Prune(olderThan: 4000);

        Assert.Null(state.FindMember(1));
        Assert.NotNull(state.FindMember(2));
        Assert.Single(state.Records);
        Assert.Equal(5000, state.Records[0].CreateTime);
    }

    [Fact]
    public void Converge_config_reads_numeric_condition_values_as_python_strings()
    {
        const string json = """
            {"is_enabled": true, "converge_func": "defense", "timedelta": 120, "count": 2,
             "condition": [{"dimension": "alert_level", "value": [1, 2]}, {"dimension": "strategy_id", "value": "self"}]}
            """;

        var config = JsonSerializer.Deserialize<ConvergeConfig>(json)!;

        Assert.Equal(["1", "2"], config.Condition[0].Value);
        Assert.Equal([ConvergeDimension.Self], config.Condition[1].Value);
        Assert.Equal(120, config.Timedelta);
    }

    [Fact]
    public void Converge_config_defaults_follow_the_spec()
    {
        var config = JsonSerializer.Deserialize<ConvergeConfig>("""{"is_enabled": true, "converge_func": "collect"}""")!;

        Assert.Equal(60, config.Timedelta);
        Assert.Equal(1, config.Count);
    }

    [Fact]
    public void Converge_condition_value_must_be_scalar()
    {
        const string json = """{"condition": [{"dimension": "alert_level", "value": [{"a": 1}]}]}""";

        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ConvergeConfig>(json));
        Assert.Contains("scalars", ex.Message, StringComparison.Ordinal);
    }
}
