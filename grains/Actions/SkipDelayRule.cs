using BkMonitor.GrainInterfaces.Actions;

namespace BkMonitor.Grains.Actions;

/// <summary>
/// <c>skip_delay</c>: a relation reacting to <c>abnormal</c> does not act on an alert that began
/// more than <c>skip_delay</c> seconds ago (strictly more; 0 disables).
/// </summary>
internal static class SkipDelayRule
{
    public static bool ShouldSkip(ActionRelation relation, long alertBeginTime, long now)
    {
        var skipDelay = relation.Options.SkipDelay;
        return skipDelay > 0 && relation.Signal.Contains(ActionSignal.Abnormal) && now - alertBeginTime > skipDelay;
    }

    public static string Reason(int skipDelay) =>
        $"the alert began more than {skipDelay} s ago (skip_delay), the action is skipped";
}
