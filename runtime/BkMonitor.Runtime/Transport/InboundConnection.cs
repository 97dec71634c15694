using System.IO.Pipelines;
using System.Net.Sockets;

namespace BkMonitor.Runtime.Transport;

/// <summary>
/// A remote silo's connection to this one: reads requests, hands them to the handler, writes responses.
/// At most <see cref="SiloTransportOptions.MaxInFlightPerConnection"/> requests run at once; beyond that the
/// read loop waits, so TCP flow control pushes back on the sender instead of this silo buffering without bound.
/// </summary>
internal sealed class InboundConnection : SiloConnection<ResponseEnvelope>
{
    private readonly IInboundMessageHandler _handler;
    private readonly SemaphoreSlim _slots;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private volatile bool _draining;

    public InboundConnection(
        Socket socket, PipeReader input, PipeWriter output, SiloAddress remote, ConnectionServices services,
        IInboundMessageHandler handler, Action<SiloConnection<ResponseEnvelope>> onClosed)
        : base(socket, input, output, remote, services, onClosed)
    {
        _handler = handler;
        _slots = new SemaphoreSlim(services.Options.MaxInFlightPerConnection, services.Options.MaxInFlightPerConnection);
    }

    protected override string Direction => "Inbound";

    /// <summary>Stops reading, lets running requests answer until <paramref name="cancellationToken"/> fires, then closes.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        StopReading();
        if (Volatile.Read(ref _inFlight) == 0)
        {
            _drained.TrySetResult();
        }
        try
        {
            await _drained.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Out of time: requests still running get no response; their callers fail at once on close.
        }
        await FlushAndCloseAsync(Unavailable("the silo is stopping"), cancellationToken).ConfigureAwait(false);
    }

    protected override int WriteFrame(PipeWriter output, ResponseEnvelope item)
        => FrameCodec.WriteResponse(output, item.CorrelationId, item);

    protected override async ValueTask OnFrameAsync(Frame frame)
    {
        if (frame.Header.Kind != FrameKind.Request)
        {
            throw new MalformedFrameException(MalformedFrameException.UnexpectedFrame, $"a {frame.Header.Kind} frame on an inbound connection");
        }
        var request = FrameCodec.ReadRequest(frame);
        if (!_slots.Wait(0))
        {
            await _slots.WaitAsync(ReadStopping).ConfigureAwait(false);
        }
        Interlocked.Increment(ref _inFlight);
        ValueTask<ResponseEnvelope> handling;
        try
        {
            handling = _handler.HandleAsync(Remote, request);
        }
        catch (Exception ex)
        {
            handling = new ValueTask<ResponseEnvelope>(ExceptionResponse(ex));
            if (request.IsOneWay)
            {
                TransportLog.OneWayFailed(Services.Logger, ex, request, Remote);
            }
        }
        if (handling.IsCompletedSuccessfully)
        {
            Respond(request, handling.Result);
        }
        else
        {
            _ = RespondWhenDoneAsync(request, handling);
        }
    }

    protected override void OnClosed(Exception reason) => _drained.TrySetResult();

    private async Task RespondWhenDoneAsync(RequestEnvelope request, ValueTask<ResponseEnvelope> handling)
    {
        ResponseEnvelope response;
        try
        {
            response = await handling.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            response = ExceptionResponse(ex);
            if (request.IsOneWay)
            {
                TransportLog.OneWayFailed(Services.Logger, ex, request, Remote);
            }
        }
        Respond(request, response);
    }

    private void Respond(RequestEnvelope request, ResponseEnvelope response)
    {
        if (request.IsOneWay || IsClosed)
        {
            Release();
            return;
        }
        response = response with { CorrelationId = request.CorrelationId };
        if (FrameHeader.Size + response.Body.Length > Services.Options.MaxFrameSize)
        {
            response = ExceptionResponse(new InvalidOperationException(
                $"The response to {request} is {response.Body.Length} bytes, over the {Services.Options.MaxFrameSize}-byte frame limit.")) with
            {
                CorrelationId = request.CorrelationId,
            };
        }
        if (TryEnqueue(response))
        {
            Release();
            return;
        }
        _ = RespondWhenRoomAsync(response);
    }

    private async Task RespondWhenRoomAsync(ResponseEnvelope response)
    {
        try
        {
            await EnqueueAsync(response, CancellationToken.None).ConfigureAwait(false);
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            // Closed meanwhile: the caller's pending request failed with the connection.
        }
        finally
        {
            Release();
        }
    }

    private void Release()
    {
        _slots.Release();
        if (Interlocked.Decrement(ref _inFlight) == 0 && _draining)
        {
            _drained.TrySetResult();
        }
    }

    private static ResponseEnvelope ExceptionResponse(Exception exception)
        => new(ResponseStatus.Exception, RemoteExceptionCodec.Encode(exception));
}
