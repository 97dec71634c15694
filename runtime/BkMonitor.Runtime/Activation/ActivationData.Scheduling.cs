using System.Diagnostics.CodeAnalysis;
using BkMonitor.Runtime.Diagnostics;
using BkMonitor.Runtime.Messaging;

namespace BkMonitor.Runtime.Activation;

/// <summary>
/// Turn-based scheduling. A turn is one synchronous slice of grain code: a request's start, a timer tick's
/// start, or a continuation posted back through this <see cref="SynchronizationContext"/>. Turns never run
/// in parallel: only <see cref="Execute"/> runs them and at most one Execute is queued (<c>_scheduled</c>).
/// Which requests may start while others are in progress follows Orleans: a non-reentrant activation starts
/// an exclusive request only when nothing else is in progress; read-only requests share with read-only ones;
/// interleaving requests ([AlwaysInterleave], any request of a [Reentrant] class) start at any await point.
/// </summary>
internal sealed partial class ActivationData
{
    private const int MaxItemsPerSlice = 128;

    private bool _scheduled;
    private Queue<Message>? _pending;
    private Queue<Message>? _interleaved;
    private Queue<Continuation>? _continuations;
    private int _running;
    private int _runningExclusive;
    private int _runningReadOnly;

    private enum Step : byte
    {
        Idle,
        Continuation,
        Message,
        Activate,
        Deactivate,
    }

    /// <summary>Queues a message; false when the activation is gone (the sender then re-routes).</summary>
    public bool TryEnqueue(Message message)
    {
        lock (this)
        {
            if (_state == ActivationState.Invalid)
            {
                return false;
            }
            if (_descriptor.IsReentrant || (message.Flags & MessageFlags.Interleave) != 0)
            {
                message.Class = MessageClass.Interleaved;
                (_interleaved ??= new Queue<Message>()).Enqueue(message);
            }
            else
            {
                message.Class = (message.Flags & MessageFlags.ReadOnly) != 0 ? MessageClass.ReadOnly : MessageClass.Exclusive;
                (_pending ??= new Queue<Message>()).Enqueue(message);
            }
            _silo.Instruments.MessagesQueued.Add(1);
            ScheduleIfRunnableLocked();
            return true;
        }
    }

    /// <summary>Called by a message when the work it started has completed.</summary>
    public void OnMessageCompleted(Message message)
    {
        var now = (message.Flags & MessageFlags.KeepsAlive) != 0 ? _silo.TimeProvider.GetTimestamp() : 0;
        lock (this)
        {
            _running--;
            if (message.Class == MessageClass.Exclusive)
            {
                _runningExclusive--;
            }
            else if (message.Class == MessageClass.ReadOnly)
            {
                _runningReadOnly--;
            }
            if (now != 0)
            {
                _lastActive = now;
            }
            ScheduleIfRunnableLocked();
        }
    }

    /// <summary>True while requests run or wait (a stateless-worker pool prefers idle workers).</summary>
    public bool IsBusy => Volatile.Read(ref _running) > 0 || (_pending?.Count ?? 0) > 0 || (_interleaved?.Count ?? 0) > 0;

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (this)
        {
            (_continuations ??= new Queue<Continuation>()).Enqueue(new Continuation(d, state));
            if (!_scheduled)
            {
                _scheduled = true;
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
            }
        }
    }

    public override void Send(SendOrPostCallback d, object? state)
        => throw new NotSupportedException($"Synchronous Send to the scheduler of grain {GrainId} is not supported; await instead.");

    public override SynchronizationContext CreateCopy() => this;

    public void Execute()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            for (var items = 0; ; items++)
            {
                Step step;
                Continuation continuation;
                Message? message;
                DeactivationReason reason;
                lock (this)
                {
                    if (items == MaxItemsPerSlice)
                    {
                        // Stay scheduled but let other activations use the thread.
                        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                        return;
                    }
                    step = NextStepLocked(out continuation, out message, out reason);
                    if (step == Step.Idle)
                    {
                        _scheduled = false;
                        return;
                    }
                }
                try
                {
                    switch (step)
                    {
                        case Step.Continuation:
                            continuation.Callback(continuation.State);
                            break;
                        case Step.Message:
                            message!.Invoke(this);
                            break;
                        case Step.Activate:
                            _ = ActivateAsync();
                            break;
                        case Step.Deactivate:
                            _ = DeactivateAsync(reason);
                            break;
                    }
                }
                catch (Exception ex)
                {
                    // Only async-void code in a grain can throw here; the activation keeps running.
                    RuntimeLog.TurnFailed(_silo.Logger, ex, GrainId);
                }
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    private Step NextStepLocked(out Continuation continuation, out Message? message, out DeactivationReason reason)
    {
        continuation = default;
        message = null;
        reason = default;
        if (_continuations is { Count: > 0 })
        {
            continuation = _continuations.Dequeue();
            return Step.Continuation;
        }
        switch (_state)
        {
            case ActivationState.Creating:
                _state = ActivationState.Activating;
                return Step.Activate;
            case ActivationState.Valid when _deactivation is { } requested:
                if (_running != 0)
                {
                    return Step.Idle;
                }
                _state = ActivationState.Deactivating;
                reason = requested;
                return Step.Deactivate;
            case ActivationState.Valid:
                while (TryTakeStartableLocked(out message))
                {
                    _silo.Instruments.MessagesQueued.Add(-1);
                    if (message.IsAbandoned)
                    {
                        continue; // its caller already timed out
                    }
                    _running++;
                    if (message.Class == MessageClass.Exclusive)
                    {
                        _runningExclusive++;
                    }
                    else if (message.Class == MessageClass.ReadOnly)
                    {
                        _runningReadOnly++;
                    }
                    return Step.Message;
                }
                return Step.Idle;
            default:
                return Step.Idle;
        }
    }

    private bool TryTakeStartableLocked([NotNullWhen(true)] out Message? message)
    {
        if (_interleaved is { Count: > 0 })
        {
            message = _interleaved.Dequeue();
            return true;
        }
        if (_pending is { Count: > 0 } && CanStartLocked(_pending.Peek()))
        {
            message = _pending.Dequeue();
            return true;
        }
        message = null;
        return false;
    }

    private bool CanStartLocked(Message message) => message.Class == MessageClass.ReadOnly
        ? _runningExclusive == 0
        : _runningExclusive == 0 && _runningReadOnly == 0;

    private bool HasRunnableWorkLocked()
    {
        if (_continuations is { Count: > 0 })
        {
            return true;
        }
        return _state switch
        {
            ActivationState.Creating => true,
            ActivationState.Valid when _deactivation is not null => _running == 0,
            ActivationState.Valid => _interleaved is { Count: > 0 } || (_pending is { Count: > 0 } && CanStartLocked(_pending.Peek())),
            _ => false,
        };
    }

    private void ScheduleIfRunnableLocked()
    {
        if (!_scheduled && HasRunnableWorkLocked())
        {
            _scheduled = true;
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    /// <summary>Takes every queued message out of the mailbox (the activation is going away).</summary>
    private List<Message> DrainLocked()
    {
        var drained = new List<Message>((_pending?.Count ?? 0) + (_interleaved?.Count ?? 0));
        while (_pending is { Count: > 0 })
        {
            drained.Add(_pending.Dequeue());
        }
        while (_interleaved is { Count: > 0 })
        {
            drained.Add(_interleaved.Dequeue());
        }
        if (drained.Count > 0)
        {
            _silo.Instruments.MessagesQueued.Add(-drained.Count);
        }
        return drained;
    }

    private readonly record struct Continuation(SendOrPostCallback Callback, object? State);
}
