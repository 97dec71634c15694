using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BkMonitor.Runtime.Transport;

/// <summary>
/// <see cref="ISiloTransport"/> over TCP: one lazily opened connection per remote silo for this silo's
/// requests (responses come back on it), and the connections other silos open to this one for theirs.
/// Every await in the transport uses ConfigureAwait(false): its loops and continuations must never run
/// on a caller's context or inside a grain's turn scheduler.
/// </summary>
internal sealed partial class TcpSiloTransport : ISiloTransport
{
    private static readonly StreamPipeReaderOptions ReaderOptions = new(bufferSize: 64 * 1024, minimumReadSize: 4096, leaveOpen: true);
    private static readonly StreamPipeWriterOptions WriterOptions = new(minimumBufferSize: 16 * 1024, leaveOpen: true);

    private readonly ConnectionServices _services;
    private readonly ConcurrentDictionary<SiloAddress, RemoteSilo> _remotes = new();
    private readonly ConcurrentDictionary<OutboundConnection, byte> _outbound = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Func<SiloAddress, RemoteSilo> _createRemote;
    private long _nextCorrelationId;
    private int _stopped;

    public TcpSiloTransport(
        SiloAddress localSilo, SiloTransportOptions options, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        LocalSilo = localSilo;
        var instruments = TransportInstruments.Create(meterFactory, MeasureConnections, MeasureQueueDepth);
        var logger = (ILogger?)loggerFactory?.CreateLogger<TcpSiloTransport>() ?? NullLogger.Instance;
        _services = new ConnectionServices(options, instruments, logger, time ?? TimeProvider.System);
        _createRemote = address => new RemoteSilo(address, OpenConnectionAsync, _services);
    }

    public SiloAddress LocalSilo { get; private set; }

    private SiloTransportOptions Options => _services.Options;

    private bool IsStopped => Volatile.Read(ref _stopped) != 0;

    private HandshakeInfo LocalHello => new(HandshakeInfo.CurrentProtocolVersion, Options.ClusterId, LocalSilo);

    public ValueTask<ResponseEnvelope> SendRequestAsync(SiloAddress target, RequestEnvelope request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.IsOneWay)
        {
            throw new ArgumentException($"{request} is one-way; send it with SendOneWay.", nameof(request));
        }
        if (IsStopped)
        {
            return ValueTask.FromException<ResponseEnvelope>(new SiloUnavailableException($"The transport of silo {LocalSilo} is stopped."));
        }
        if (Oversized(request) is { } tooLarge)
        {
            return ValueTask.FromException<ResponseEnvelope>(tooLarge);
        }
        request.CorrelationId = Interlocked.Increment(ref _nextCorrelationId);
        var pending = new PendingRequest(request, _services.Instruments);
        pending.Start(_services.Time, cancellationToken);
        var remote = _remotes.GetOrAdd(target, _createRemote);
        if (remote.Current is { } connection)
        {
            if (!connection.TrySend(pending))
            {
                _ = connection.SendWhenRoomAsync(pending);
            }
        }
        else
        {
            _ = ConnectAndSendAsync(remote, pending);
        }
        return new ValueTask<ResponseEnvelope>(pending.Task);
    }

    public void SendOneWay(SiloAddress target, RequestEnvelope request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.IsOneWay)
        {
            throw new ArgumentException($"{request} expects a response; send it with SendRequestAsync.", nameof(request));
        }
        if (IsStopped || Oversized(request) is not null)
        {
            Drop(target, request, IsStopped ? "stopped" : "too_large");
            return;
        }
        request.CorrelationId = Interlocked.Increment(ref _nextCorrelationId);
        var remote = _remotes.GetOrAdd(target, _createRemote);
        if (remote.Current is { } connection)
        {
            if (!connection.TrySendOneWay(request))
            {
                Drop(target, request, "queue_full");
            }
            return;
        }
        _ = ConnectAndSendOneWayAsync(remote, request);
    }

    public void Disconnect(SiloAddress silo)
    {
        _remotes.GetOrAdd(silo, _createRemote).Disconnect("membership declared it dead");
        foreach (var inbound in _inbound.Keys)
        {
            if (inbound.Remote == silo)
            {
                inbound.Close(new SiloUnavailableException($"Silo {silo} was declared dead."));
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }
        _stopping.Cancel();
        _listener?.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        var draining = new List<Task>();
        foreach (var inbound in _inbound.Keys)
        {
            draining.Add(inbound.StopAsync(cancellationToken));
        }
        await Task.WhenAll(draining).ConfigureAwait(false);
        foreach (var remote in _remotes.Values)
        {
            remote.Disconnect($"the transport of silo {LocalSilo} stopped");
        }
        foreach (var outbound in _outbound.Keys)
        {
            outbound.Close(new SiloUnavailableException($"The transport of silo {LocalSilo} stopped."));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(new CancellationToken(canceled: true)).ConfigureAwait(false);
        _services.Instruments.Dispose();
        _stopping.Dispose();
    }

    /// <summary>The meter of this transport's instruments (tests tell transports in one process apart by it).</summary>
    internal Meter Meter => _services.Instruments.Meter;

    /// <summary>Frames waiting in the send queue of the connection to <paramref name="silo"/> (diagnostics and tests).</summary>
    internal int SendQueueDepth(SiloAddress silo) => _remotes.TryGetValue(silo, out var remote) ? remote.Current?.QueueDepth ?? 0 : 0;

    private ArgumentException? Oversized(RequestEnvelope request)
    {
        var size = (long)FrameHeader.Size + FrameCodec.MeasureRequestHeader(request) + request.Body.Length;
        return size <= Options.MaxFrameSize
            ? null
            : new ArgumentException($"The call {request} is {size} bytes, over the {Options.MaxFrameSize}-byte frame limit (SiloTransportOptions.MaxFrameSize).", nameof(request));
    }

    private static async Task ConnectAndSendAsync(RemoteSilo remote, PendingRequest pending)
    {
        OutboundConnection connection;
        try
        {
            var connecting = remote.ConnectAsync();
            if (!connecting.IsCompleted)
            {
                // The timeout covers connecting: stop waiting for a slow connect once the request has failed.
                await Task.WhenAny(connecting, pending.Task).ConfigureAwait(false);
                if (pending.IsCompleted)
                {
                    return;
                }
            }
            connection = await connecting.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            pending.TryFail(new SiloUnavailableException(ex.Message, ex.InnerException));
            return;
        }
        if (!connection.TrySend(pending))
        {
            await connection.SendWhenRoomAsync(pending).ConfigureAwait(false);
        }
    }

    private async Task ConnectAndSendOneWayAsync(RemoteSilo remote, RequestEnvelope request)
    {
        try
        {
            var connection = await remote.ConnectAsync().ConfigureAwait(false);
            if (!connection.TrySendOneWay(request))
            {
                Drop(remote.Address, request, "queue_full");
            }
        }
        catch (SiloUnavailableException)
        {
            Drop(remote.Address, request, "unreachable");
        }
    }

    private void Drop(SiloAddress target, RequestEnvelope request, string reason)
    {
        _services.Instruments.Dropped(reason);
        TransportLog.OneWayDropped(_services.Logger, request, target, reason);
    }

    private async Task<OutboundConnection> OpenConnectionAsync(SiloAddress target)
    {
        if (IsStopped)
        {
            throw new SiloUnavailableException($"The transport of silo {LocalSilo} is stopped.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            deadline.CancelAfter(Options.ConnectTimeout);
            try
            {
                await socket.ConnectAsync(target.Host, target.Port, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
            {
                throw new SiloUnavailableException($"Connecting to silo {target} timed out after {Options.ConnectTimeout.TotalSeconds:0.###} s.");
            }
            catch (SocketException ex)
            {
                throw new SiloUnavailableException($"Cannot connect to silo {target}: {ex.SocketErrorCode}.", ex);
            }
            var stream = new NetworkStream(socket, ownsSocket: false);
            var input = PipeReader.Create(stream, ReaderOptions);
            var output = PipeWriter.Create(stream, WriterOptions);
            deadline.CancelAfter(Options.HandshakeTimeout);
            try
            {
                await Handshake.ConnectAsync(input, output, LocalHello, target, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
            {
                throw new SiloUnavailableException($"Silo {target} did not answer the handshake within {Options.HandshakeTimeout.TotalSeconds:0.###} s.");
            }
            catch (Exception ex) when (ex is MalformedFrameException or IOException)
            {
                throw new SiloUnavailableException($"Silo {target} broke off the handshake: {ex.Message}.", ex);
            }
            var connection = new OutboundConnection(socket, input, output, target, _services, closed => _outbound.TryRemove((OutboundConnection)closed, out _));
            _outbound.TryAdd(connection, 0);
            connection.Start();
            TransportLog.Connected(_services.Logger, target);
            return connection;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private IEnumerable<Measurement<int>> MeasureConnections() =>
    [
        new(_outbound.Count, new KeyValuePair<string, object?>("direction", "outbound")),
        new(_inbound.Count, new KeyValuePair<string, object?>("direction", "inbound")),
    ];

    private int MeasureQueueDepth()
    {
        var depth = 0;
        foreach (var connection in _outbound.Keys)
        {
            depth += connection.QueueDepth;
        }
        foreach (var connection in _inbound.Keys)
        {
            depth += connection.QueueDepth;
        }
        return depth;
    }
}
