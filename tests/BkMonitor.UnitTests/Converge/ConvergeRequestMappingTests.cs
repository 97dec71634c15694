using BkMonitor.GrainInterfaces.Actions;
using BkMonitor.GrainInterfaces.Converge;
using BkMonitor.Grains.Actions;
using BkMonitor.Grains.Converge;
using static BkMonitor.UnitTests.Converge.ConvergeFixtures;

namespace BkMonitor.UnitTests.Converge;

public sealed class ConvergeRequestMappingTests
{
    [Fact]
    public void A_config_survives_the_trip_through_the_converge_grains_wire_record()
    {
        var config = Config(ConvergeFunction.Collect, count: 2, timedelta: 180, ConvergeDimension.StrategyId, ConvergeDimension.AlertLevel);

        var back = StrategyRelationMapping.ToConverge(ConvergeRequestMapping.ToWire(config))!;

        Assert.Equal((true, ConvergeFunction.Collect, 180, 2), (back.IsEnabled, back.ConvergeFunc, back.Timedelta, back.Count));
        Assert.Equal([ConvergeDimension.StrategyId, ConvergeDimension.AlertLevel], back.Condition.Select(c => c.Dimension));
        Assert.All(back.Condition, c => Assert.Equal([ConvergeDimension.Self], c.Value));
    }

    [Fact]
    public void The_second_matching_request_of_a_collect_record_is_skipped_through_the_wire_records()
    {
        var state = new ConvergeState();
        var config = ConvergeRequestMapping.ToWire(Config(ConvergeFunction.Collect, dimensions: ConvergeDimension.StrategyId));

        var first = Evaluate(state, 1, config);
        var second = Evaluate(state, 2, config);

        Assert.Equal((ConvergeVerdictKind.Run, ActionStatus.Converged), (first.Kind, first.Status));
        Assert.Equal(1060, first.CollectDueAt);
        Assert.Equal((ConvergeVerdictKind.Converged, ActionStatus.Skipped, first.ConvergeId), (second.Kind, second.Status, second.ConvergeId));
        Assert.Null(second.CollectDueAt);
        Assert.True(first.Runs);
        Assert.False(second.Runs);
    }

    private static ConvergeVerdict Evaluate(ConvergeState state, long id, GrainInterfaces.Strategies.ConvergeConfig config)
    {
        var subject = Webhook(id, 1000);
        var request = new ConvergeRequest
        {
            ActionId = id, CreateTime = 1000, PluginType = subject.PluginType, Values = new(subject.Context.Values), Config = config, Now = 1000,
        };
        var decision = ConvergeEngine.Evaluate(
            state, ConvergeRequestMapping.ToSubject(request), StrategyRelationMapping.ToConverge(request.Config), request.Now);
        return ConvergeRequestMapping.ToVerdict(decision);
    }
}
