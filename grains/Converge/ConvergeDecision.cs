using BkMonitor.GrainInterfaces.Actions;

namespace BkMonitor.Grains.Converge;

/// <summary>What converge decided for an action instance.</summary>
internal enum ConvergeDecisionKind
{
    /// <summary>Execute the action (status <c>converged</c>: converge passed).</summary>
    Run,

    /// <summary>Converged into a record: do not execute (status <c>skipped</c>).</summary>
    Converged,

    /// <summary>Not executed for another reason, e.g. it slept past its timeout (status <c>skipped</c>).</summary>
    Skip,

    /// <summary>Another related action is in flight: re-evaluate at <see cref="ConvergeDecision.RecheckAt"/> (status <c>sleep</c>).</summary>
    Wait,

    /// <summary>Needs a person's approval before executing (status <c>waiting</c>).</summary>
    Approval,

    /// <summary>The action already ended; nothing to change.</summary>
    AlreadyFinished,
}

/// <summary>A summary notice of converge record <see cref="ConvergeId"/> due at <see cref="DueAt"/> (epoch s).</summary>
internal sealed record CollectSummarySchedule(long ConvergeId, long DueAt);

/// <summary>The outcome of <see cref="ConvergeEngine.Evaluate"/>.</summary>
internal sealed record ConvergeDecision
{
    public required ConvergeDecisionKind Kind { get; init; }

    /// <summary>The action status to store; null for <see cref="ConvergeDecisionKind.AlreadyFinished"/>.</summary>
    public string? Status { get; init; }

    /// <summary>The converge record the action was related to, if any.</summary>
    public long? ConvergeId { get; init; }

    public string Reason { get; init; } = "";

    /// <summary>Epoch seconds, for <see cref="ConvergeDecisionKind.Wait"/>.</summary>
    public long? RecheckAt { get; init; }

    /// <summary>Set when this evaluation opened a collect record: schedule its summary.</summary>
    public CollectSummarySchedule? CollectSummary { get; init; }

    public static ConvergeDecision RunUnconverged(string reason) =>
        new() { Kind = ConvergeDecisionKind.Run, Status = ActionStatus.Converged, Reason = reason };
}
