using System.Diagnostics;
using BkMonitor.Runtime.Transport;

namespace BkMonitor.Runtime.Messaging;

/// <summary>Outcome of a call, for the caller-side instruments.</summary>
internal enum CallOutcome : byte
{
    Success,
    Failure,
    Timeout,
}

/// <summary>A grain call in flight: the request, who sent it, and its place in the sender's timeout list.</summary>
internal abstract class CallMessage(GrainId target, GrainRequest request, GrainCallRuntime sender, bool oneWay)
    : Message(target, FlagsOf(request.Options))
{
    public GrainRequest Request { get; } = request;

    public GrainCallRuntime Sender { get; } = sender;

    public bool IsOneWay { get; } = oneWay;

    /// <summary>How often the call was re-routed after its activation went away.</summary>
    public int Hops { get; set; }

    // Intrusive links of CallTimeoutTracker: no allocation per tracked call.
    internal CallMessage? TimeoutPrevious { get; set; }

    internal CallMessage? TimeoutNext { get; set; }

    internal int TimeoutBucket { get; set; } = -1;

    internal long Deadline { get; set; }

    internal long StartTimestamp { get; set; }

    internal Activity? Activity { get; set; }

    public abstract void CompleteWithException(Exception exception, CallOutcome outcome);

    /// <summary>Completes a call that ran on another silo with the response it sent back (a one-way call once it is sent).</summary>
    public abstract void CompleteRemote(GrainRequestCodec codec, in ResponseEnvelope response, RequestEnvelope envelope);

    public override void Redirect() => Sender.Redispatch(this);

    public override void Fail(Exception exception) => CompleteWithException(exception, CallOutcome.Failure);

    private static MessageFlags FlagsOf(InvokeMethodOptions options)
    {
        var flags = MessageFlags.KeepsAlive;
        if ((options & InvokeMethodOptions.AlwaysInterleave) != 0)
        {
            flags |= MessageFlags.Interleave;
        }
        if ((options & InvokeMethodOptions.ReadOnly) != 0)
        {
            flags |= MessageFlags.ReadOnly;
        }
        return flags;
    }
}
