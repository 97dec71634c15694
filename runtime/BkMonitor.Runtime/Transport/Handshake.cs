using System.IO.Pipelines;

namespace BkMonitor.Runtime.Transport;

/// <summary>
/// The exchange that opens every connection: the connecting side sends Hello, the accepting side checks
/// protocol version and cluster id and answers Hello (or Reject with a reason, then closes).
/// </summary>
internal static class Handshake
{
    // A handshake is a few hundred bytes; refusing more keeps a garbage peer from making us buffer megabytes.
    private const int MaxHandshakeFrame = 4096;

    /// <summary>Client side: returns the accepting silo's Hello, or throws <see cref="SiloUnavailableException"/>.</summary>
    public static async Task<HandshakeInfo> ConnectAsync(PipeReader input, PipeWriter output, HandshakeInfo local, SiloAddress target, CancellationToken cancellationToken)
    {
        FrameCodec.WriteHello(output, local);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        var (kind, hello, reason) = await ReadAsync(input, cancellationToken).ConfigureAwait(false);
        if (kind == FrameKind.Reject)
        {
            throw new SiloUnavailableException($"Silo {target} refused the connection: {reason}.");
        }
        if (kind != FrameKind.Hello)
        {
            throw new SiloUnavailableException($"Silo {target} answered the handshake with a {kind} frame.");
        }
        if (hello!.ClusterId != local.ClusterId || hello.ProtocolVersion != local.ProtocolVersion)
        {
            throw new SiloUnavailableException(
                $"Silo {target} belongs to cluster '{hello.ClusterId}' (protocol {hello.ProtocolVersion}), not '{local.ClusterId}' (protocol {local.ProtocolVersion}).");
        }
        // A restarted process on the same endpoint is a different silo: never deliver to it what was meant for the old one.
        if (target.Generation != 0 && hello.Silo.Generation != target.Generation)
        {
            throw new SiloUnavailableException($"Silo {target} is gone: its endpoint is now served by generation {hello.Silo.Generation}.");
        }
        return hello;
    }

    /// <summary>Server side: returns the connecting silo's Hello after answering it; a refused peer gets a Reject and a <see cref="MalformedFrameException"/> is thrown.</summary>
    public static async Task<HandshakeInfo> AcceptAsync(PipeReader input, PipeWriter output, HandshakeInfo local, CancellationToken cancellationToken)
    {
        var (kind, hello, _) = await ReadAsync(input, cancellationToken).ConfigureAwait(false);
        if (kind != FrameKind.Hello)
        {
            throw new MalformedFrameException(MalformedFrameException.UnexpectedFrame, $"the connection opened with a {kind} frame instead of a handshake");
        }
        if (hello!.ProtocolVersion != local.ProtocolVersion)
        {
            await RejectAsync(output, $"protocol version {hello.ProtocolVersion} is not supported (expected {local.ProtocolVersion})", cancellationToken).ConfigureAwait(false);
            throw new MalformedFrameException(MalformedFrameException.ProtocolVersion, $"silo {hello.Silo} speaks protocol version {hello.ProtocolVersion}");
        }
        if (hello.ClusterId != local.ClusterId)
        {
            await RejectAsync(output, $"cluster id '{hello.ClusterId}' does not match this silo's cluster", cancellationToken).ConfigureAwait(false);
            throw new MalformedFrameException(MalformedFrameException.ClusterMismatch, $"silo {hello.Silo} belongs to cluster '{hello.ClusterId}'");
        }
        FrameCodec.WriteHello(output, local);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return hello;
    }

    private static async Task RejectAsync(PipeWriter output, string reason, CancellationToken cancellationToken)
    {
        FrameCodec.WriteReject(output, reason);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(FrameKind Kind, HandshakeInfo? Hello, string? Reason)> ReadAsync(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (Frame.TryRead(ref buffer, MaxHandshakeFrame, out var frame))
            {
                var decoded = frame.Header.Kind switch
                {
                    FrameKind.Hello => (FrameKind.Hello, FrameCodec.ReadHello(frame), null),
                    FrameKind.Reject => (FrameKind.Reject, null, FrameCodec.ReadReject(frame)),
                    var other => (other, (HandshakeInfo?)null, (string?)null),
                };
                input.AdvanceTo(buffer.Start);
                return decoded;
            }
            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new MalformedFrameException(MalformedFrameException.Garbage, "the connection closed during the handshake");
            }
        }
    }
}
