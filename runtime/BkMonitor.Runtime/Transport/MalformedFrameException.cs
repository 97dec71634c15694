namespace BkMonitor.Runtime.Transport;

/// <summary>A peer broke the protocol; the connection is dropped and <see cref="Reason"/> tags the metric.</summary>
internal sealed class MalformedFrameException(string reason, string message) : Exception(message)
{
    public const string Garbage = "garbage";
    public const string Oversized = "oversized";
    public const string UnexpectedFrame = "unexpected_frame";
    public const string ClusterMismatch = "cluster_mismatch";
    public const string ProtocolVersion = "protocol_version";
    public const string HandshakeTimeout = "handshake_timeout";

    public string Reason { get; } = reason;
}
