namespace BkMonitor.Grains.Actions;

/// <summary>Why a notice relation did or did not produce deliveries.</summary>
internal enum NoticePlanOutcome
{
    /// <summary>Deliveries planned (some may be failed deliveries).</summary>
    Send,

    /// <summary>The relation does not react to this signal.</summary>
    NotForSignal,

    /// <summary>Skipped by <c>skip_delay</c>.</summary>
    Skipped,

    /// <summary>Outside the relation's daily time window: the notice is shielded.</summary>
    OutsideTimeWindow,

    /// <summary>No receiver at all (no groups, no ways for the level); the notice fails.</summary>
    NoDeliveries,
}

/// <summary>The deliveries of one notice round for one alert and signal.</summary>
internal sealed record NoticePlan
{
    public required NoticePlanOutcome Outcome { get; init; }

    public string Reason { get; init; } = "";

    public IReadOnlyList<NoticeDelivery> Deliveries { get; init; } = [];

    /// <summary>Configuration problems that did not stop the plan (missing group, no ways for a level).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// One message to send: a notice way to a receiver (a user; for <c>voice</c> the comma-joined
/// call list; for <c>wxwork-bot</c> the group robot). <see cref="FailureReason"/> set means it cannot
/// be sent and is recorded as a failed delivery.
/// </summary>
internal sealed record NoticeDelivery
{
    public required string Way { get; init; }

    public required string Receiver { get; init; }

    /// <summary>Where it goes: mail address, robot webhook URL, or the user name for user-addressed ways.</summary>
    public string Target { get; init; } = "";

    public int UserGroupId { get; init; }

    public required string IdempotencyKey { get; init; }

    public string? FailureReason { get; init; }

    public bool IsFailed => FailureReason is not null;
}
