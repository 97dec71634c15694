using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;

namespace BkMonitor.Runtime.Transport;

/// <summary>
/// One TCP connection after its handshake: a bounded send queue drained by a write loop that flushes once per
/// batch, and a read loop slicing frames off the pipe. Closing is idempotent and fails whatever depends on it.
/// </summary>
internal abstract class SiloConnection<TOutbound>
{
    private const int FlushThreshold = 64 * 1024;

    private readonly Socket _socket;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Channel<TOutbound> _queue;
    private readonly CancellationTokenSource _readStop = new();
    private readonly Action<SiloConnection<TOutbound>> _onClosed;
    private Task _writeLoop = Task.CompletedTask;
    private Exception? _drainedReason;
    private int _closed;

    protected SiloConnection(Socket socket, PipeReader input, PipeWriter output, SiloAddress remote, ConnectionServices services, Action<SiloConnection<TOutbound>> onClosed)
    {
        _socket = socket;
        _input = input;
        _output = output;
        Remote = remote;
        Services = services;
        _onClosed = onClosed;
        _queue = Channel.CreateBounded<TOutbound>(new BoundedChannelOptions(services.Options.SendQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public SiloAddress Remote { get; }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Why the connection closed (a <see cref="SiloUnavailableException"/>), once it has.</summary>
    public Exception? CloseReason { get; private set; }

    public int QueueDepth => _queue.Reader.Count;

    protected ConnectionServices Services { get; }

    protected abstract string Direction { get; }

    protected CancellationToken ReadStopping => _readStop.Token;

    public void Start()
    {
        _writeLoop = WriteLoopAsync();
        _ = ReadLoopAsync();
    }

    public void Close(Exception reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }
        CloseReason = reason;
        _queue.Writer.TryComplete();
        _readStop.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the peer.
        }
        catch (ObjectDisposedException)
        {
            // Already gone.
        }
        _socket.Dispose();
        OnClosed(reason);
        _onClosed(this);
        TransportLog.ConnectionClosed(Services.Logger, Direction, Remote, reason.Message);
    }

    protected bool TryEnqueue(TOutbound item) => _queue.Writer.TryWrite(item);

    protected ValueTask EnqueueAsync(TOutbound item, CancellationToken cancellationToken) => _queue.Writer.WriteAsync(item, cancellationToken);

    /// <summary>Lets the write loop send what is queued, then closes (graceful stop).</summary>
    protected async Task FlushAndCloseAsync(Exception reason, CancellationToken cancellationToken)
    {
        _drainedReason = reason;
        _queue.Writer.TryComplete();
        try
        {
            await _writeLoop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Out of time: close with whatever is unsent.
        }
        Close(reason);
    }

    protected abstract int WriteFrame(PipeWriter output, TOutbound item);

    protected abstract ValueTask OnFrameAsync(Frame frame);

    protected abstract void OnClosed(Exception reason);

    protected SiloUnavailableException Unavailable(string what, Exception? inner = null)
        => new($"Silo {Remote} is unavailable: {what}.", inner);

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                long bytes = 0;
                var messages = 0;
                while (reader.TryRead(out var item))
                {
                    bytes += WriteFrame(_output, item);
                    messages++;
                    if (_output.UnflushedBytes >= FlushThreshold)
                    {
                        Services.Instruments.Sent(bytes, messages);
                        (bytes, messages) = (0, 0);
                        if ((await _output.FlushAsync().ConfigureAwait(false)).IsCompleted)
                        {
                            break;
                        }
                    }
                }
                // Counted before the flush, so a peer's answer can never be observed before the bytes that caused it.
                Services.Instruments.Sent(bytes, messages);
                if ((await _output.FlushAsync().ConfigureAwait(false)).IsCompleted)
                {
                    break;
                }
            }
            // The queue was completed: by a graceful stop, or by Close (then this is a no-op).
            Close(_drainedReason ?? Unavailable("the connection stopped sending"));
        }
        catch (Exception ex)
        {
            Close(Unavailable("writing to the connection failed", ex));
        }
        finally
        {
            await CompleteQuietlyAsync(_output.CompleteAsync()).ConfigureAwait(false);
        }
    }

    private async Task ReadLoopAsync()
    {
        var maxFrameSize = Services.Options.MaxFrameSize;
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync(_readStop.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (Frame.TryRead(ref buffer, maxFrameSize, out var frame))
                {
                    Services.Instruments.Received(frame.Header.FrameLength, 1);
                    var handled = OnFrameAsync(frame);
                    if (!handled.IsCompletedSuccessfully)
                    {
                        await handled.ConfigureAwait(false);
                    }
                }
                _input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    Close(Unavailable(buffer.IsEmpty ? "the connection was closed by the remote side" : "the connection closed inside a frame"));
                    return;
                }
            }
        }
        catch (MalformedFrameException ex)
        {
            Services.Instruments.Rejected(ex.Reason);
            TransportLog.ConnectionDropped(Services.Logger, SafeRemoteEndPoint(), ex.Reason, ex.Message);
            Close(Unavailable($"the connection was dropped after a malformed frame ({ex.Message})"));
        }
        catch (OperationCanceledException) when (_readStop.IsCancellationRequested)
        {
            // Stopped reading on purpose: either closed, or draining for a graceful stop.
        }
        catch (Exception ex)
        {
            Close(Unavailable("reading from the connection failed", ex));
        }
        finally
        {
            await CompleteQuietlyAsync(_input.CompleteAsync()).ConfigureAwait(false);
        }
    }

    private static async ValueTask CompleteQuietlyAsync(ValueTask completion)
    {
        try
        {
            await completion.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // The socket is gone; there is nothing left to flush.
        }
    }

    protected void StopReading() => _readStop.Cancel();

    private System.Net.EndPoint? SafeRemoteEndPoint()
    {
        try
        {
            return _socket.RemoteEndPoint;
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
    }
}
