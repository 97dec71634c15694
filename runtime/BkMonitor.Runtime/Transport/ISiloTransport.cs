using System.Net;

namespace BkMonitor.Runtime.Transport;

/// <summary>
/// Carries grain requests between silos. The core encodes a call with <see cref="GrainRequestCodec"/>,
/// sends it to the owning silo and decodes the response; inbound requests go to one
/// <see cref="IInboundMessageHandler"/>.
/// </summary>
internal interface ISiloTransport : IAsyncDisposable
{
    /// <summary>This silo's identity as sent in handshakes (its port is the bound one once started).</summary>
    SiloAddress LocalSilo { get; }

    /// <summary>Listens on <paramref name="listen"/> (port 0 picks a free port) and hands inbound requests to <paramref name="handler"/>.</summary>
    Task StartAsync(IPEndPoint listen, IInboundMessageHandler handler, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a request and completes with the remote response. Fails with <see cref="GrainCallTimeoutException"/>
    /// after <see cref="RequestEnvelope.TimeoutMs"/>, with <see cref="SiloUnavailableException"/> at once when the
    /// connection fails or the silo is disconnected, and awaits (back-pressure) while the send queue is full.
    /// </summary>
    ValueTask<ResponseEnvelope> SendRequestAsync(SiloAddress target, RequestEnvelope request, CancellationToken cancellationToken = default);

    /// <summary>Fire and forget; dropped (and counted) when the silo is unreachable or its send queue is full.</summary>
    void SendOneWay(SiloAddress target, RequestEnvelope request);

    /// <summary>Membership declared <paramref name="silo"/> dead: close its connections and fail its pending requests now.</summary>
    void Disconnect(SiloAddress silo);

    /// <summary>Stops listening, lets in-flight inbound requests answer until <paramref name="cancellationToken"/> fires, then closes every connection.</summary>
    Task StopAsync(CancellationToken cancellationToken = default);
}
