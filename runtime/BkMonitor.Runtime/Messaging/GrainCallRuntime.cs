using System.Diagnostics;
using BkMonitor.Runtime.Diagnostics;
using BkMonitor.Runtime.Filters;
using BkMonitor.Runtime.Hosting;

namespace BkMonitor.Runtime.Messaging;

/// <summary>
/// A silo's <see cref="IGrainCallRuntime"/>: turns a request into a message, finds the activation (local
/// catalog, else placement over the ring and the transport to the owner silo) and tracks the response timeout.
/// </summary>
internal sealed class GrainCallRuntime : IGrainCallRuntime
{
    private const int MaxAttempts = 4;
    private const int MaxHops = 8;

    private readonly Silo _silo;
    private readonly ISiloTransport _transport;
    private readonly CallTimeoutTracker _timeouts;
    private readonly RuntimeInstruments _instruments;
    private IOutgoingGrainCallFilter[] _outgoingFilters = [];
    private volatile string? _abortedBecause;

    public GrainCallRuntime(Silo silo, ISiloTransport transport, TimeSpan responseTimeout)
    {
        _silo = silo;
        _transport = transport;
        _instruments = silo.Instruments;
        _timeouts = new CallTimeoutTracker(silo.TimeProvider, responseTimeout);
    }

    public TimeSpan ResponseTimeout => _timeouts.Timeout;

    public void Start(IOutgoingGrainCallFilter[] outgoingFilters)
    {
        _outgoingFilters = outgoingFilters;
        _timeouts.Start();
    }

    /// <summary>Fails every call this silo still waits for; used when the silo stops or dies.</summary>
    public void Abort(string why)
    {
        _abortedBecause = why;
        _timeouts.Dispose();
        _timeouts.FailAll(m => new SiloUnavailableException($"Call {m.Request} to grain {m.Target} was abandoned: {why}."));
    }

    public ValueTask<TResult> InvokeAsync<TResult>(GrainId target, GrainRequest<TResult> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (target.Type is null)
        {
            throw new ArgumentException("The target grain id is empty.", nameof(target));
        }
        return _outgoingFilters.Length == 0
            ? Send(target, request)
            : new OutgoingGrainCallContext<TResult>(_outgoingFilters, this, target, request).RunAsync();
    }

    /// <summary>One-way calls bypass outgoing filters: nobody observes their result.</summary>
    public void InvokeOneWay<TResult>(GrainId target, GrainRequest<TResult> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (target.Type is null)
        {
            throw new ArgumentException("The target grain id is empty.", nameof(target));
        }
        if (_abortedBecause is not null)
        {
            throw Aborted(target, request);
        }
        var message = new RequestMessage<TResult>(target, request, this, oneWay: true);
        Begin(message);
        Dispatch(message);
    }

    internal ValueTask<TResult> Send<TResult>(GrainId target, GrainRequest<TResult> request)
    {
        if (_abortedBecause is not null)
        {
            return ValueTask.FromException<TResult>(Aborted(target, request));
        }
        var message = new RequestMessage<TResult>(target, request, this, oneWay: false);
        Begin(message);
        Dispatch(message);
        return message.AsValueTask();
    }

    /// <summary>Delivers a message to its activation, placing (and activating) the grain when needed.</summary>
    internal void Dispatch(CallMessage message)
    {
        try
        {
            var catalog = _silo.Catalog;
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                if (catalog.TryGetActivation(message.Target, out var local))
                {
                    if (local.TryEnqueue(message))
                    {
                        return;
                    }
                    catalog.Remove(local);
                    continue;
                }
                var grainClass = GrainTypeRegistry.GetClass(message.Target.Type);
                if (grainClass.IsStatelessWorker && _silo.Placement.CanHostLocally(message.Target, grainClass, _silo.Roles))
                {
                    if (catalog.TryDeliver(message, grainClass))
                    {
                        return;
                    }
                    continue;
                }
                var owner = _silo.Placement.PickSilo(message.Target, grainClass);
                if (owner == _silo.Address ? catalog.TryDeliver(message, grainClass) : _transport.TrySend(owner, message, grainClass))
                {
                    return;
                }
                // The owner is gone or stopping; the ring may have changed meanwhile, so place again.
            }
            message.Fail(new SiloUnavailableException(
                $"Call {message.Request} to grain {message.Target} could not be delivered: its silo is stopping or gone."));
        }
        catch (Exception ex)
        {
            message.Fail(ex);
        }
    }

    /// <summary>Re-routes a call whose activation stopped before running it.</summary>
    internal void Redispatch(CallMessage message)
    {
        if (++message.Hops > MaxHops || _silo.Status == SiloStatus.Dead)
        {
            message.Fail(new SiloUnavailableException(
                $"Call {message.Request} to grain {message.Target} was not delivered: its activation went away and re-routing failed."));
            return;
        }
        Dispatch(message);
    }

    internal void OnCallCompleted(CallMessage message, CallOutcome outcome)
    {
        _timeouts.Untrack(message);
        if (message.StartTimestamp != 0)
        {
            _instruments.CallDuration.Record(Stopwatch.GetElapsedTime(message.StartTimestamp).TotalSeconds);
        }
        if (outcome != CallOutcome.Success)
        {
            _instruments.CallFailures.Add(1);
            if (outcome == CallOutcome.Timeout)
            {
                _instruments.CallTimeouts.Add(1);
                RuntimeLog.CallTimedOut(_silo.Logger, message.Request.MethodName, message.Target);
            }
        }
        if (message.Activity is { } activity)
        {
            activity.SetStatus(outcome == CallOutcome.Success ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
            activity.Stop();
        }
    }

    internal void OnOneWayFailed(CallMessage message, Exception exception)
        => RuntimeLog.OneWayCallFailed(_silo.Logger, exception, message.Request.MethodName, message.Target);

    private SiloUnavailableException Aborted(GrainId target, GrainRequest request)
        => new($"Silo {_silo.Address} cannot send {request} to grain {target}: {_abortedBecause}.");

    private void Begin(CallMessage message)
    {
        _instruments.Calls.Add(1);
        if (_instruments.CallDuration.Enabled)
        {
            message.StartTimestamp = Stopwatch.GetTimestamp();
        }
        if (RuntimeInstruments.ActivitySource.HasListeners())
        {
            var ambient = Activity.Current;
            var activity = RuntimeInstruments.ActivitySource.StartActivity(message.Request.ToString(), ActivityKind.Client);
            activity?.SetTag("bkmonitor.grain_id", message.Target.ToString());
            message.Activity = activity;
            // The span ends on whatever thread completes the call; it must not stay ambient for the caller.
            Activity.Current = ambient;
        }
        if (!message.IsOneWay)
        {
            _timeouts.Track(message);
        }
    }
}
