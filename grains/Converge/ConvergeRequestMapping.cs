using BkMonitor.GrainInterfaces.Converge;
using WireConfig = BkMonitor.GrainInterfaces.Strategies.ConvergeConfig;
using WireCondition = BkMonitor.GrainInterfaces.Strategies.ConvergeCondition;

namespace BkMonitor.Grains.Converge;

/// <summary>Between the converge grain's wire records and the engine's subject and decision.</summary>
internal static class ConvergeRequestMapping
{
    public static ConvergeSubject ToSubject(ConvergeRequest request) => new()
    {
        Id = request.ActionId,
        CreateTime = request.CreateTime,
        Status = request.Status,
        PluginType = request.PluginType,
        Context = ConvergeContext.FromValues(request.Values),
    };

    public static WireConfig ToWire(ConvergeConfig config) => new()
    {
        IsEnabled = config.IsEnabled,
        ConvergeFunc = config.ConvergeFunc,
        Timedelta = config.Timedelta,
        Count = config.Count,
        Condition = [.. config.Condition.Select(c => new WireCondition { Dimension = c.Dimension, Value = c.Value })],
    };

    public static ConvergeVerdict ToVerdict(ConvergeDecision decision) => new()
    {
        Kind = decision.Kind switch
        {
            ConvergeDecisionKind.Run => ConvergeVerdictKind.Run,
            ConvergeDecisionKind.Converged => ConvergeVerdictKind.Converged,
            ConvergeDecisionKind.Skip => ConvergeVerdictKind.Skip,
            ConvergeDecisionKind.Wait => ConvergeVerdictKind.Wait,
            ConvergeDecisionKind.Approval => ConvergeVerdictKind.Approval,
            _ => ConvergeVerdictKind.AlreadyFinished,
        },
        Status = decision.Status,
        ConvergeId = decision.ConvergeId,
        Reason = decision.Reason,
        RecheckAt = decision.RecheckAt,
        CollectDueAt = decision.CollectSummary?.DueAt,
    };
}
