namespace BkMonitor.Runtime.Transport;

/// <summary>
/// A sent request awaiting its response. Exactly one of response, timeout, cancellation or connection
/// failure completes it (the task's Try* methods arbitrate); completion then releases the timer, the
/// cancellation registration, the pending-map entry and any wait for send-queue space.
/// </summary>
internal sealed class PendingRequest : TaskCompletionSource<ResponseEnvelope>
{
    private readonly TransportInstruments _instruments;
    private ITimer? _timer;
    private CancellationTokenRegistration _cancellation;
    private CancellationTokenSource? _queueWait;
    private OutboundConnection? _connection;

    public PendingRequest(RequestEnvelope request, TransportInstruments instruments)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        Request = request;
        _instruments = instruments;
    }

    public RequestEnvelope Request { get; }

    public bool IsCompleted => Task.IsCompleted;

    /// <summary>Arms the timeout and the caller's cancellation; the clock covers connecting and queueing too.</summary>
    public void Start(TimeProvider time, CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((PendingRequest)state!).TryFail(new OperationCanceledException(token)), this);
        }
        _timer = time.CreateTimer(static state => ((PendingRequest)state!).OnTimeout(), this, TimeSpan.FromMilliseconds(Request.TimeoutMs), Timeout.InfiniteTimeSpan);
        if (IsCompleted)
        {
            Release();
        }
    }

    /// <summary>Called by the connection the request is registered with, before it is queued there.</summary>
    public void AttachTo(OutboundConnection connection) => Volatile.Write(ref _connection, connection);

    /// <summary>Cancelled when the request completes, so a sender waiting for queue space stops waiting.</summary>
    public CancellationToken QueueWaitToken
    {
        get
        {
            var source = new CancellationTokenSource();
            if (Interlocked.CompareExchange(ref _queueWait, source, null) is { } existing)
            {
                source.Dispose();
                return existing.Token;
            }
            if (IsCompleted)
            {
                source.Cancel();
            }
            return source.Token;
        }
    }

    public bool TryComplete(in ResponseEnvelope response)
    {
        if (!TrySetResult(response))
        {
            return false;
        }
        Release();
        return true;
    }

    public bool TryFail(Exception exception)
    {
        if (!TrySetException(exception))
        {
            return false;
        }
        Release();
        return true;
    }

    private void OnTimeout()
    {
        var timeout = TimeSpan.FromMilliseconds(Request.TimeoutMs);
        if (TryFail(new GrainCallTimeoutException(Request.TargetGrain, Request.InterfaceName, DescribeMethod(Request), timeout)))
        {
            _instruments.TimedOut();
        }
    }

    private void Release()
    {
        _timer?.Dispose();
        _cancellation.Dispose();
        Volatile.Read(ref _connection)?.Forget(Request.CorrelationId);
        Volatile.Read(ref _queueWait)?.Cancel();
    }

    /// <summary>The method name when its interface is registered here (only used on the failure path).</summary>
    private static string DescribeMethod(RequestEnvelope request)
    {
        try
        {
            return GrainTypeRegistry.GetInterface(request.InterfaceName).RequestFactory(request.MethodId).MethodName;
        }
        catch (Exception)
        {
            return $"method #{request.MethodId}";
        }
    }
}
