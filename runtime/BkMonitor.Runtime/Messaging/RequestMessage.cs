using System.Threading.Tasks.Sources;
using BkMonitor.Runtime.Activation;
using BkMonitor.Runtime.Filters;
using BkMonitor.Runtime.Transport;

namespace BkMonitor.Runtime.Messaging;

/// <summary>
/// A call returning <typeparamref name="TResult"/>. The message is also the caller's awaitable
/// (<see cref="IValueTaskSource{TResult}"/>), so a call costs one allocation besides the request.
/// </summary>
internal sealed class RequestMessage<TResult> : CallMessage, IValueTaskSource<TResult>
{
    private readonly GrainRequest<TResult> _request;
    private ManualResetValueTaskSourceCore<TResult> _core;
    private int _completed;
    private ActivationData? _activation;
    private ValueTask<TResult> _invocation;
    private Action? _onInvoked;

    public RequestMessage(GrainId target, GrainRequest<TResult> request, GrainCallRuntime sender, bool oneWay)
        : base(target, request, sender, oneWay)
    {
        _request = request;
        // The caller's continuation must never run inline on the activation's turn.
        _core.RunContinuationsAsynchronously = true;
    }

    public override bool IsAbandoned => Volatile.Read(ref _completed) != 0;

    public ValueTask<TResult> AsValueTask() => new(this, _core.Version);

    public override void Invoke(ActivationData activation)
    {
        _activation = activation;
        ValueTask<TResult> invocation;
        try
        {
            var grain = activation.GrainInstance!;
            var filters = activation.Silo.IncomingFilters;
            invocation = filters.Length == 0
                ? _request.InvokeAsync(grain)
                : new IncomingGrainCallContext<TResult>(filters, Target, _request, grain).RunAsync();
        }
        catch (Exception ex)
        {
            Finish(default!, ex);
            return;
        }
        if (invocation.IsCompletedSuccessfully)
        {
            Finish(invocation.Result, null);
            return;
        }
        _invocation = invocation;
        invocation.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onInvoked ??= OnInvoked);
    }

    private void OnInvoked()
    {
        var invocation = _invocation;
        _invocation = default;
        TResult result;
        try
        {
            result = invocation.GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            Finish(default!, ex);
            return;
        }
        Finish(result, null);
    }

    private void Finish(TResult result, Exception? exception)
    {
        var activation = _activation!;
        if (activation.IsKilled)
        {
            exception = new SiloUnavailableException(
                $"Silo {activation.Silo.Address} died while {Request} ran on grain {Target}.");
        }
        // Free the activation first so a caller that immediately calls again finds it ready.
        activation.OnMessageCompleted(this);
        if (exception is null)
        {
            SetResult(result);
        }
        else
        {
            CompleteWithException(exception, CallOutcome.Failure);
        }
    }

    private void SetResult(TResult result)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return;
        }
        Sender.OnCallCompleted(this, CallOutcome.Success);
        if (!IsOneWay)
        {
            _core.SetResult(result);
        }
    }

    public override void CompleteRemote(GrainRequestCodec codec, in ResponseEnvelope response, RequestEnvelope envelope)
    {
        if (IsOneWay)
        {
            SetResult(default!);
            return;
        }
        TResult result;
        try
        {
            result = codec.ReadResult<TResult>(response, envelope);
        }
        catch (Exception ex)
        {
            CompleteWithException(ex, CallOutcome.Failure);
            return;
        }
        SetResult(result);
    }

    public override void CompleteWithException(Exception exception, CallOutcome outcome)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return;
        }
        Sender.OnCallCompleted(this, outcome);
        if (IsOneWay)
        {
            Sender.OnOneWayFailed(this, exception);
        }
        else
        {
            _core.SetException(exception);
        }
    }

    TResult IValueTaskSource<TResult>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<TResult>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<TResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _core.OnCompleted(continuation, state, token, flags);
}
