namespace BkMonitor.Runtime.Transport;

/// <summary>Request flags on the wire. The low three bits equal <see cref="InvokeMethodOptions"/> so the two convert by cast.</summary>
[Flags]
internal enum MessageFlags : byte
{
    None = 0,
    AlwaysInterleave = 1,
    OneWay = 2,
    ReadOnly = 4,
}

/// <summary>One grain call on the wire: target, method and the codec-encoded arguments.</summary>
internal sealed class RequestEnvelope
{
    public RequestEnvelope(GrainId targetGrain, string interfaceName, int methodId, MessageFlags flags, int timeoutMs, ReadOnlyMemory<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeoutMs);
        TargetGrain = targetGrain;
        InterfaceName = interfaceName;
        MethodId = methodId;
        Flags = flags;
        TimeoutMs = timeoutMs;
        Body = body;
    }

    /// <summary>Assigned by the sending transport; on the receiving side, the id the response will carry.</summary>
    public long CorrelationId { get; internal set; }

    public GrainId TargetGrain { get; }

    public string InterfaceName { get; }

    public int MethodId { get; }

    public MessageFlags Flags { get; }

    /// <summary>How long the caller waits; the receiver may skip work for a caller that has given up.</summary>
    public int TimeoutMs { get; }

    /// <summary>The arguments as written by <see cref="GrainRequestCodec.EncodeArguments"/>.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    public bool IsOneWay => (Flags & MessageFlags.OneWay) != 0;

    public override string ToString() => $"{InterfaceName}#{MethodId} -> {TargetGrain}";
}
