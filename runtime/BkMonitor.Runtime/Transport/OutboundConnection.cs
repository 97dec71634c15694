using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace BkMonitor.Runtime.Transport;

/// <summary>This silo's connection to a remote silo: writes requests, reads their responses.</summary>
internal sealed class OutboundConnection(
    Socket socket, PipeReader input, PipeWriter output, SiloAddress remote, ConnectionServices services, Action<SiloConnection<RequestEnvelope>> onClosed)
    : SiloConnection<RequestEnvelope>(socket, input, output, remote, services, onClosed)
{
    private readonly ConcurrentDictionary<long, PendingRequest> _pending = new();

    protected override string Direction => "Outbound";

    public int PendingCount => _pending.Count;

    /// <summary>Registers and queues the request; false when the queue is full and the caller must <see cref="SendWhenRoomAsync"/>.</summary>
    public bool TrySend(PendingRequest request)
    {
        request.AttachTo(this);
        _pending[request.Request.CorrelationId] = request;
        // Completed meanwhile (timeout, or this connection closed while registering): do not leave the entry behind.
        if (request.IsCompleted || IsClosed)
        {
            FailRegistered(request.Request.CorrelationId);
            return true;
        }
        return TryEnqueue(request.Request) || IsClosed;
    }

    /// <summary>Waits for queue space (back-pressure) until the request completes by timeout, cancellation or close.</summary>
    public async Task SendWhenRoomAsync(PendingRequest request)
    {
        try
        {
            await EnqueueAsync(request.Request, request.QueueWaitToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (request.IsCompleted)
        {
            // Timed out or cancelled while waiting for room; the request already carries that outcome.
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            FailRegistered(request.Request.CorrelationId);
        }
    }

    /// <summary>Queues a one-way request if there is room; false means it was dropped.</summary>
    public bool TrySendOneWay(RequestEnvelope request) => TryEnqueue(request);

    public void Forget(long correlationId) => _pending.TryRemove(correlationId, out _);

    protected override int WriteFrame(PipeWriter output, RequestEnvelope item)
        => FrameCodec.WriteRequest(output, item, FrameCodec.MeasureRequestHeader(item));

    protected override ValueTask OnFrameAsync(Frame frame)
    {
        if (frame.Header.Kind != FrameKind.Response)
        {
            throw new MalformedFrameException(MalformedFrameException.UnexpectedFrame, $"a {frame.Header.Kind} frame on an outbound connection");
        }
        var response = FrameCodec.ReadResponse(frame);
        if (_pending.TryRemove(response.CorrelationId, out var request))
        {
            request.TryComplete(response);
        }
        else
        {
            TransportLog.LateResponse(Services.Logger, response.CorrelationId, Remote);
        }
        return default;
    }

    protected override void OnClosed(Exception reason)
    {
        foreach (var correlationId in _pending.Keys)
        {
            FailRegistered(correlationId);
        }
    }

    private void FailRegistered(long correlationId)
    {
        if (_pending.TryRemove(correlationId, out var request) && !request.IsCompleted)
        {
            var reason = CloseReason ?? Unavailable("the connection closed");
            request.TryFail(new SiloUnavailableException($"{reason.Message} The call {request.Request} got no response.", reason.InnerException));
        }
    }
}
