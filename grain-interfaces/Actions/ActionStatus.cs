namespace BkMonitor.GrainInterfaces.Actions;

/// <summary>Action instance statuses (bk-monitor's <c>ActionStatus</c>) and the groups converge relies on.</summary>
public static class ActionStatus
{
    public const string Received = "received";
    public const string Waiting = "waiting";
    public const string Converging = "converging";
    public const string Sleep = "sleep";
    public const string Converged = "converged";
    public const string Running = "running";
    public const string Success = "success";
    public const string PartialSuccess = "partial_success";
    public const string Failure = "failure";
    public const string PartialFailure = "partial_failure";
    public const string Skipped = "skipped";
    public const string Shield = "shield";
    public const string Blocked = "blocked";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Received, Waiting, Converging, Sleep, Converged, Running, Success, PartialSuccess, Failure,
        PartialFailure, Skipped, Shield, Blocked,
    };

    /// <summary>Statuses of an action that is still being handled ("proceeding").</summary>
    public static readonly IReadOnlySet<string> Proceeding = new HashSet<string>(StringComparer.Ordinal)
    {
        Received, Waiting, Converging, Sleep, Converged, Running,
    };

    /// <summary>Final statuses: the action will not run again.</summary>
    public static readonly IReadOnlySet<string> Ended = new HashSet<string>(StringComparer.Ordinal)
    {
        Success, PartialSuccess, Failure, PartialFailure, Skipped, Shield,
    };
}
