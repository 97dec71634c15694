using BkMonitor.GrainInterfaces.Alerts;

namespace BkMonitor.Grains.Alerts;

internal enum AlertTransitionKind
{
    /// <summary>A new alert opened.</summary>
    Created,

    /// <summary>The open alert absorbed the event or changed flags.</summary>
    Updated,

    /// <summary>The open alert ended (recovered or closed).</summary>
    Ended,

    /// <summary>The open alert closed and a new one opened (higher severity, or QoS released).</summary>
    Replaced,

    /// <summary>The event was dropped (expired, duplicate, or less severe than the alert's top event).</summary>
    Dropped,

    /// <summary>Nothing to do (e.g. a recovery event with no open alert).</summary>
    Ignored,

    /// <summary>The command does not apply to the alert's state (ack or close of an ended alert).</summary>
    Rejected,
}

/// <summary>A signal to emit for an alert: each (alert, signal) pair appears at most once over the alert's life.</summary>
internal readonly record struct EmittedSignal(string AlertId, AlertSignal Signal);

/// <summary>What one command did: the alerts to persist, the signals to emit, and why when nothing happened.</summary>
internal sealed record AlertTransition(
    AlertTransitionKind Kind,
    IReadOnlyList<AlertRecord> Changed,
    IReadOnlyList<EmittedSignal> Signals,
    string? Reason = null)
{
    public static AlertTransition Dropped(string reason) => new(AlertTransitionKind.Dropped, [], [], reason);

    public static AlertTransition Ignored(string reason) => new(AlertTransitionKind.Ignored, [], [], reason);

    public static AlertTransition Rejected(string reason) => new(AlertTransitionKind.Rejected, [], [], reason);
}
