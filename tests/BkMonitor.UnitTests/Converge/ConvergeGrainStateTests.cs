using BkMonitor.GrainInterfaces.Converge;
using BkMonitor.Grains.Converge;
using static BkMonitor.UnitTests.Converge.ConvergeFixtures;

namespace BkMonitor.UnitTests.Converge;

public sealed class ConvergeGrainStateTests
{
    [Fact]
    public void Pruning_forgets_the_verdicts_of_forgotten_members_and_keeps_the_others()
    {
        var state = new ConvergeGrainState();
        var config = Config(ConvergeFunction.SkipWhenExceed);
        ConvergeEngine.Evaluate(state.Engine, Webhook(1, 1000), config, 1000);
        ConvergeEngine.Evaluate(state.Engine, Webhook(2, 5000), config, 5000);
        state.Verdicts[1] = new ConvergeVerdict();
        state.Verdicts[2] = new ConvergeVerdict();

        state.Prune(2000);

        Assert.Equal([2L], state.Verdicts.Keys);
        Assert.Equal([2L], state.Engine.Members.Select(m => m.Id));
    }
}
