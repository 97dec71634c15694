namespace BkMonitor.Runtime.Transport;

/// <summary>Receives the requests other silos send to this one (implemented by the core's dispatcher).</summary>
internal interface IInboundMessageHandler
{
    /// <summary>
    /// Runs the request and completes with its response. Called on the connection's read loop, so it must
    /// return quickly (queue the work, do not run it inline). For one-way requests the response is discarded;
    /// a thrown exception becomes an <see cref="ResponseStatus.Exception"/> response.
    /// </summary>
    ValueTask<ResponseEnvelope> HandleAsync(SiloAddress sender, RequestEnvelope request);
}
