using BkMonitor.Runtime.Activation;

namespace BkMonitor.Runtime.Messaging;

/// <summary>Scheduling hints a message carries into the activation's mailbox.</summary>
[Flags]
internal enum MessageFlags : byte
{
    None = 0,
    /// <summary>May start while other requests are in progress (<see cref="AlwaysInterleaveAttribute"/>, interleaving timers).</summary>
    Interleave = 1,
    /// <summary>May interleave with other read-only requests.</summary>
    ReadOnly = 2,
    /// <summary>Running it counts as activity for idle collection.</summary>
    KeepsAlive = 4,
}

/// <summary>How the activation admitted a message, so completion releases the right slot.</summary>
internal enum MessageClass : byte
{
    Exclusive,
    ReadOnly,
    Interleaved,
}

/// <summary>A unit of work for an activation's mailbox: a grain call or a timer tick.</summary>
internal abstract class Message(GrainId target, MessageFlags flags)
{
    public GrainId Target { get; } = target;

    public MessageFlags Flags { get; } = flags;

    /// <summary>Set by the activation when it queues the message.</summary>
    public MessageClass Class { get; set; }

    /// <summary>True when nobody waits for the outcome any more (the caller already timed out).</summary>
    public virtual bool IsAbandoned => false;

    /// <summary>Starts the work inside a turn; the message reports back with <see cref="ActivationData.OnMessageCompleted"/>.</summary>
    public abstract void Invoke(ActivationData activation);

    /// <summary>The activation that queued the message stopped before running it; calls are re-routed, ticks dropped.</summary>
    public abstract void Redirect();

    /// <summary>The activation could not be created; the caller gets <paramref name="exception"/>.</summary>
    public abstract void Fail(Exception exception);
}
