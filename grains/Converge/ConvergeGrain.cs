using BkMonitor.GrainInterfaces.Converge;
using BkMonitor.Grains.Actions;
using BkMonitor.Runtime;

namespace BkMonitor.Grains.Converge;

/// <summary>
/// The converge state of one converge dimension key: instances of every alert that share the effective
/// conditions register here, so matching across alerts sees all of them. Thin: <see cref="ConvergeEngine"/> decides.
/// A final verdict is remembered per action, so an action grain replaying a signal after a crash gets the same answer.
/// </summary>
internal sealed class ConvergeGrain : Grain, IConvergeGrain
{
    /// <summary>Members and records older than this can no longer match anything and are forgotten.</summary>
    private const long RetentionSeconds = 86_400;

    private readonly IPersistentState<ConvergeGrainState> _state;

    public ConvergeGrain([PersistentState("converge")] IPersistentState<ConvergeGrainState> state) => _state = state;

    public async Task<ConvergeVerdict> EvaluateAsync(ConvergeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = _state.State;
        if (state.Verdicts.TryGetValue(request.ActionId, out var decided)) return decided;
        state.Prune(request.Now - RetentionSeconds);
        var decision = ConvergeEngine.Evaluate(
            state.Engine, ConvergeRequestMapping.ToSubject(request), StrategyRelationMapping.ToConverge(request.Config), request.Now);
        var verdict = ConvergeRequestMapping.ToVerdict(decision);
        // A waiting instance is evaluated again later; everything else is final.
        if (verdict.Kind != ConvergeVerdictKind.Wait) state.Verdicts[request.ActionId] = verdict;
        await _state.WriteStateAsync();
        return verdict;
    }

    public async Task ReportStatusAsync(long actionId, string status)
    {
        if (_state.State.Engine.UpdateStatus(actionId, status)) await _state.WriteStateAsync();
    }

    public async Task<IReadOnlyList<long>> TakeCollectSummaryAsync(long convergeId)
    {
        var skipped = ConvergeEngine.TakeCollectSummary(_state.State.Engine, convergeId, TimeProvider.GetUtcNow().ToUnixTimeSeconds());
        await _state.WriteStateAsync();
        return skipped;
    }
}

/// <summary>Persisted state of a <see cref="ConvergeGrain"/>: the engine's bookkeeping and the verdicts already given.</summary>
internal sealed class ConvergeGrainState
{
    public ConvergeState Engine { get; set; } = new();

    public Dictionary<long, ConvergeVerdict> Verdicts { get; set; } = [];

    public void Prune(long olderThan)
    {
        Engine.Prune(olderThan);
        foreach (var id in Verdicts.Keys.Where(id => Engine.FindMember(id) is null).ToList()) Verdicts.Remove(id);
    }
}
