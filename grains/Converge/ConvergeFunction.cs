namespace BkMonitor.Grains.Converge;

/// <summary>Converge function names (bk-monitor's <c>ConvergeFunction</c> plus the hidden relevance/trigger).</summary>
internal static class ConvergeFunction
{
    public const string SkipWhenSuccess = "skip_when_success";
    public const string ApproveWhenFailed = "approve_when_failed";
    public const string SkipWhenProceed = "skip_when_proceed";
    public const string WaitWhenProceed = "wait_when_proceed";
    public const string Defense = "defense";
    public const string SkipWhenExceed = "skip_when_exceed";
    public const string Collect = "collect";
    public const string CollectAlarm = "collect_alarm";
    public const string Relevance = "relevance";
    public const string Trigger = "trigger";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        SkipWhenSuccess, ApproveWhenFailed, SkipWhenProceed, WaitWhenProceed, Defense, SkipWhenExceed,
        Collect, CollectAlarm, Relevance, Trigger,
    };
}
