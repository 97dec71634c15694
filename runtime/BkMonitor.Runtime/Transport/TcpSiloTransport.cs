using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.IO.Pipelines;
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
