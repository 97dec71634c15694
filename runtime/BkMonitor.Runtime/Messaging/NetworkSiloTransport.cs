using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Membership;
using BkMonitor.Runtime.Reminders;
using BkMonitor.Runtime.Transport;
using Microsoft.Extensions.Logging;
using TcpTransport = BkMonitor.Runtime.Transport.ISiloTransport;

namespace BkMonitor.Runtime.Messaging;

/// <summary>
/// The core's transport between silo processes: a call for a grain owned by another silo is encoded with
/// <see cref="GrainRequestCodec"/> and sent over <see cref="TcpSiloTransport"/>; the response completes the
/// caller's message. Inbound requests are decoded and dispatched through this silo's call runtime. A silo that
/// membership dropped is disconnected: calls to it are placed again (never sent to the dead silo).
/// </summary>
internal sealed partial class NetworkSiloTransport : ISiloTransport, IInboundMessageHandler, IAsyncDisposable
{
    private delegate ValueTask<ResponseEnvelope> InboundInvoker(GrainCallRuntime runtime, GrainRequestCodec codec, GrainId target, GrainRequest request, bool oneWay);

    private static readonly ConcurrentDictionary<Type, InboundInvoker> Invokers = new();
    private static readonly MethodInfo InvokeTypedMethod = typeof(NetworkSiloTransport).GetMethod(nameof(InvokeTyped), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly string RemindableName = typeof(IRemindable).FullName!;

    private readonly IMembershipOracle _membership;
    private readonly SiloTransportOptions _options;
    private readonly IPAddress _listenAddress;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly GrainRequestCodec _codec = GrainRequestCodec.Default;
    private readonly ConcurrentDictionary<SiloAddress, byte> _gone = new();
    private readonly Lock _lock = new();
    private HashSet<SiloAddress> _known = [];
    private TcpTransport? _tcp;
    private Silo? _silo;

    public NetworkSiloTransport(IMembershipOracle membership, SiloTransportOptions options, IPAddress listenAddress, ILoggerFactory loggerFactory)
    {
        _membership = membership;
        _options = options;
        _listenAddress = listenAddress;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<NetworkSiloTransport>();
    }

    /// <summary>Binds the silo port (the silo's advertised port) before the silo joins membership.</summary>
    public void Register(Silo silo)
    {
        if (silo.Address.Port <= 0)
        {
            throw new InvalidOperationException($"Network clustering needs a fixed SiloPort (BkMonitor:Silo:SiloPort), not {silo.Address.Port}.");
        }
        var tcp = new TcpSiloTransport(silo.Address, _options, _loggerFactory);
        tcp.StartAsync(new IPEndPoint(_listenAddress, silo.Address.Port), this).GetAwaiter().GetResult();
        _silo = silo;
        _tcp = tcp;
        _membership.MembershipChanged += OnMembershipChanged;
        OnMembershipChanged();
    }

    public void Unregister(Silo silo)
    {
        _membership.MembershipChanged -= OnMembershipChanged;
        if (Interlocked.Exchange(ref _tcp, null) is { } tcp)
        {
            _ = StopAsync(tcp);
        }
    }

    public bool TrySend(SiloAddress target, CallMessage message, GrainClassDescriptor grainClass)
    {
        var tcp = Volatile.Read(ref _tcp);
        if (tcp is null || _gone.ContainsKey(target))
        {
            return false;
        }
        RequestEnvelope envelope;
        try
        {
            envelope = Envelope(message);
        }
        catch (Exception ex)
        {
            message.Fail(ex);
            return true;
        }
        if (message.IsOneWay)
        {
            tcp.SendOneWay(target, envelope);
            message.CompleteRemote(_codec, default, envelope);
            return true;
        }
        _ = AwaitResponseAsync(tcp.SendRequestAsync(target, envelope), target, message, envelope);
        return true;
    }

    public Silo? FindInProcess(SiloAddress address) => _silo is { } silo && silo.Address == address ? silo : null;

    public ValueTask<ResponseEnvelope> HandleAsync(SiloAddress sender, RequestEnvelope request)
    {
        var silo = _silo;
        if (silo is null || silo.Status != SiloStatus.Active)
        {
            return ValueTask.FromResult(ResponseEnvelope.Rejected($"silo {silo?.Address} is not active"));
        }
        GrainRequest decoded;
        try
        {
            decoded = Decode(request);
        }
        catch (Exception ex)
        {
            return ValueTask.FromResult(_codec.EncodeException(ex));
        }
        return InvokerFor(decoded.ResultType)(silo.CallRuntime, _codec, request.TargetGrain, decoded, request.IsOneWay);
    }

    public async ValueTask DisposeAsync()
    {
        _membership.MembershipChanged -= OnMembershipChanged;
        if (Interlocked.Exchange(ref _tcp, null) is { } tcp)
        {
            await tcp.DisposeAsync();
        }
    }

    private RequestEnvelope Envelope(CallMessage message)
    {
        var envelope = _codec.CreateEnvelope(message.Target, message.Request, message.Sender.ResponseTimeout);
        // The wire flag must match how the caller waits: a one-way send of a normal method, or an awaited [OneWay] method.
        var flags = message.IsOneWay ? envelope.Flags | Transport.MessageFlags.OneWay : envelope.Flags & ~Transport.MessageFlags.OneWay;
        return flags == envelope.Flags
            ? envelope
            : new RequestEnvelope(envelope.TargetGrain, envelope.InterfaceName, envelope.MethodId, flags, envelope.TimeoutMs, envelope.Body);
    }

    private async Task AwaitResponseAsync(ValueTask<ResponseEnvelope> sending, SiloAddress target, CallMessage message, RequestEnvelope envelope)
    {
        ResponseEnvelope response;
        try
        {
            response = await sending.ConfigureAwait(false);
        }
        catch (SiloUnavailableException ex)
        {
            // Membership already dropped the silo: place the call again. Otherwise fail fast (the caller may retry).
            if (_gone.ContainsKey(target))
            {
                message.Redirect();
            }
            else
            {
                message.CompleteWithException(ex, CallOutcome.Failure);
            }
            return;
        }
        catch (GrainCallTimeoutException ex)
        {
            message.CompleteWithException(ex, CallOutcome.Timeout);
            return;
        }
        catch (Exception ex)
        {
            message.CompleteWithException(ex, CallOutcome.Failure);
            return;
        }
        if (response.Status == ResponseStatus.Rejected)
        {
            // The target is stopping or not yet active; give membership a moment before placing again.
            await Task.Delay(TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
            message.Redirect();
            return;
        }
        message.CompleteRemote(_codec, response, envelope);
    }

    private GrainRequest Decode(RequestEnvelope envelope)
    {
        if (envelope.InterfaceName == RemindableName && envelope.MethodId == 0)
        {
            // Reminder ticks use the runtime's own request class, which no generated registration names.
            var tick = new ReminderTickRequest("", default);
            _codec.DecodeArguments(tick, envelope.Body.Span);
            return tick;
        }
        return _codec.DecodeRequest(envelope);
    }

    private void OnMembershipChanged()
    {
        var members = _membership.Members;
        var now = new HashSet<SiloAddress>(members.Count);
        foreach (var member in members)
        {
            now.Add(member.Address);
        }
        List<SiloAddress> dropped = [];
        lock (_lock)
        {
            foreach (var address in _known)
            {
                if (!now.Contains(address))
                {
                    dropped.Add(address);
                }
            }
            _known = now;
        }
        var tcp = Volatile.Read(ref _tcp);
        foreach (var address in dropped)
        {
            if (_silo is { } silo && address == silo.Address)
            {
                continue;
            }
            _gone[address] = 0;
            LogSiloGone(_logger, address);
            tcp?.Disconnect(address);
        }
    }

    private static async Task StopAsync(TcpTransport tcp)
    {
        using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await tcp.StopAsync(drain.Token).ConfigureAwait(false);
        await tcp.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>One reflection step per result type, off the call path; afterwards a cached delegate.</summary>
    private static InboundInvoker InvokerFor(Type resultType)
        => Invokers.TryGetValue(resultType, out var invoker)
            ? invoker
            : Invokers.GetOrAdd(resultType, static t => InvokeTypedMethod.MakeGenericMethod(t).CreateDelegate<InboundInvoker>());

    private static async ValueTask<ResponseEnvelope> InvokeTyped<TResult>(GrainCallRuntime runtime, GrainRequestCodec codec, GrainId target, GrainRequest request, bool oneWay)
    {
        var typed = (GrainRequest<TResult>)request;
        if (oneWay)
        {
            runtime.InvokeOneWay(target, typed);
            return default;
        }
        try
        {
            var result = await runtime.Send(target, typed).ConfigureAwait(false);
            return codec.EncodeResult(result);
        }
        catch (Exception ex)
        {
            return codec.EncodeException(ex);
        }
    }

    [LoggerMessage(201, LogLevel.Information, "Silo {Silo} left the cluster; its connections are closed and calls to its grains are placed again")]
    private static partial void LogSiloGone(ILogger logger, SiloAddress silo);
}
