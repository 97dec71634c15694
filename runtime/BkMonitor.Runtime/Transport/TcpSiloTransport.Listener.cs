using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace BkMonitor.Runtime.Transport;

/// <summary>The accepting side: listen socket, handshake of each new connection, and the inbound connections.</summary>
internal sealed partial class TcpSiloTransport
{
    private readonly ConcurrentDictionary<InboundConnection, byte> _inbound = new();
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private IInboundMessageHandler? _handler;

    /// <summary>The endpoint actually bound (the chosen port when started with port 0).</summary>
    public IPEndPoint? ListenEndPoint { get; private set; }

    public Task StartAsync(IPEndPoint listen, IInboundMessageHandler handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(handler);
        ObjectDisposedException.ThrowIf(IsStopped, this);
        if (Interlocked.CompareExchange(ref _handler, handler, null) is not null)
        {
            throw new InvalidOperationException($"The transport of silo {LocalSilo} is already started.");
        }
        var listener = new Socket(listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (listen.AddressFamily == AddressFamily.InterNetworkV6)
            {
                listener.DualMode = true;
            }
            if (!OperatingSystem.IsWindows())
            {
                // Lets a restarted silo bind its port while connections of its previous run sit in TIME_WAIT.
                listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }
            listener.Bind(listen);
            listener.Listen(512);
        }
        catch (SocketException ex)
        {
            listener.Dispose();
            _handler = null;
            throw new InvalidOperationException($"The silo transport cannot listen on {listen}: {ex.SocketErrorCode} ({ex.Message}).", ex);
        }
        _listener = listener;
        ListenEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        if (LocalSilo.Port == 0)
        {
            LocalSilo = LocalSilo with { Port = ListenEndPoint.Port };
        }
        TransportLog.Listening(_services.Logger, LocalSilo, ListenEndPoint);
        _acceptLoop = AcceptLoopAsync(listener, handler);
        return Task.CompletedTask;
    }

    private async Task AcceptLoopAsync(Socket listener, IInboundMessageHandler handler)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex)
            {
                // Out of descriptors and the like: back off a little instead of spinning on the error.
                TransportLog.AcceptFailed(_services.Logger, ex);
                await Task.Delay(TimeSpan.FromMilliseconds(50), _services.Time, CancellationToken.None).ConfigureAwait(false);
                continue;
            }
            _ = AcceptConnectionAsync(socket, handler);
        }
    }

    private async Task AcceptConnectionAsync(Socket socket, IInboundMessageHandler handler)
    {
        EndPoint? remoteEndPoint;
        try
        {
            socket.NoDelay = true;
            remoteEndPoint = socket.RemoteEndPoint;
        }
        catch (SocketException)
        {
            // Reset before we looked at it.
            socket.Dispose();
            return;
        }
        var stream = new NetworkStream(socket, ownsSocket: false);
        var input = PipeReader.Create(stream, ReaderOptions);
        var output = PipeWriter.Create(stream, WriterOptions);
        HandshakeInfo hello;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            deadline.CancelAfter(Options.HandshakeTimeout);
            hello = await Handshake.AcceptAsync(input, output, LocalHello, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var (reason, detail) = ex switch
            {
                MalformedFrameException malformed => (malformed.Reason, malformed.Message),
                OperationCanceledException => (MalformedFrameException.HandshakeTimeout, $"no handshake within {Options.HandshakeTimeout.TotalSeconds:0.###} s"),
                _ => (MalformedFrameException.Garbage, ex.Message),
            };
            if (!_stopping.IsCancellationRequested)
            {
                _services.Instruments.Rejected(reason);
                TransportLog.ConnectionDropped(_services.Logger, remoteEndPoint, reason, detail);
            }
            socket.Dispose();
            return;
        }
        var connection = new InboundConnection(socket, input, output, hello.Silo, _services, handler, closed => _inbound.TryRemove((InboundConnection)closed, out _));
        _inbound.TryAdd(connection, 0);
        if (IsStopped)
        {
            connection.Close(new SiloUnavailableException($"The transport of silo {LocalSilo} stopped."));
            return;
        }
        TransportLog.Accepted(_services.Logger, hello.Silo, remoteEndPoint);
        connection.Start();
    }
}
