using BkMonitor.GrainInterfaces.Actions;

namespace BkMonitor.Grains.Converge;

/// <summary>
/// bk-monitor's converge functions. Each returns the status the instance converges to, or null
/// when it is not converged (it runs). "Executed" instances are those related to the record with
/// relation status executed: the record's first instance and the ones that ran while it was open.
/// </summary>
internal static class ConvergeFunctionEvaluator
{
    /// <param name="isNew">This evaluation opened the record.</param>
    /// <param name="bizConvergeExisted">A business-level (second-level) collect already covers this instance.</param>
    public static string? Evaluate(
        string func, bool isNew, IReadOnlyList<ConvergeMember> executed, int count, bool bizConvergeExisted, out bool scheduleCollect)
    {
        scheduleCollect = false;
        switch (func)
        {
            case ConvergeFunction.SkipWhenSuccess:
                return SkipWhenSuccess(executed);
            case ConvergeFunction.ApproveWhenFailed:
                // Nothing succeeded or is running: ask a person whether to run it.
                return SkipWhenSuccess(executed) ?? ActionStatus.Waiting;
            case ConvergeFunction.SkipWhenProceed:
                return SkipWhenProceed(executed);
            case ConvergeFunction.WaitWhenProceed:
                return Any(executed, static s => ActionStatus.Proceeding.Contains(s)) ? ActionStatus.Sleep : null;
            case ConvergeFunction.Defense:
                return isNew || executed.Count < count ? null : ActionStatus.Waiting;
            case ConvergeFunction.SkipWhenExceed:
                return isNew || executed.Count < count ? null : ActionStatus.Skipped;
            case ConvergeFunction.Collect:
                if (isNew)
                {
                    scheduleCollect = true;
                    return bizConvergeExisted ? ActionStatus.Skipped : null;
                }
                return bizConvergeExisted || executed.Count >= count ? ActionStatus.Skipped : null;
            case ConvergeFunction.CollectAlarm:
                scheduleCollect = isNew;
                return ActionStatus.Skipped;
            case ConvergeFunction.Trigger:
                // The opposite of the others: only the instance that reaches the threshold runs.
                return isNew ? null : ActionStatus.Skipped;
            default:
                // relevance only groups instances for display.
                return null;
        }
    }

    private static string? SkipWhenSuccess(IReadOnlyList<ConvergeMember> executed)
    {
        if (executed.Count == 0) return null;
        if (Any(executed, static s => s == ActionStatus.Success)) return ActionStatus.Skipped;
        // Still in flight: wait for its result. Only failures (or sleepers) let this one run.
        if (Any(executed, static s => s is not (ActionStatus.Failure or ActionStatus.Sleep))) return ActionStatus.Sleep;
        return null;
    }

    // bk-monitor intends "skip while another is running or has just finished without failing";
    // its query for the second half never matches, we implement the documented intent.
    private static string? SkipWhenProceed(IReadOnlyList<ConvergeMember> executed) =>
        Any(executed, static s => ActionStatus.Proceeding.Contains(s)
            || (ActionStatus.Ended.Contains(s) && s != ActionStatus.Failure))
            ? ActionStatus.Skipped
            : null;

    private static bool Any(IReadOnlyList<ConvergeMember> members, Func<string, bool> predicate)
    {
        foreach (var m in members)
        {
            if (predicate(m.Status)) return true;
        }
        return false;
    }
}
