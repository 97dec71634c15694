namespace BkMonitor.Runtime.Transport;

/// <summary>What each side of a new connection states about itself before any request flows.</summary>
internal sealed record HandshakeInfo(byte ProtocolVersion, string ClusterId, SiloAddress Silo)
{
    public const byte CurrentProtocolVersion = 1;
}
