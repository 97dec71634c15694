using BkMonitor.Runtime.Diagnostics;
using BkMonitor.Runtime.Timers;

namespace BkMonitor.Runtime.Activation;

/// <summary>Activation, deactivation and abrupt loss of an activation.</summary>
internal sealed partial class ActivationData
{
    /// <summary>Deactivates once the requests in progress have completed; queued requests then go to a new activation.</summary>
    public void Deactivate(DeactivationReason reason)
    {
        lock (this)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid || _deactivation is not null)
            {
                return;
            }
            _deactivation = reason;
            ScheduleIfRunnableLocked();
        }
    }

    /// <summary>Completes when the activation has left the catalog.</summary>
    public Task WhenDeactivated()
    {
        lock (this)
        {
            return _state == ActivationState.Invalid
                ? Task.CompletedTask
                : (Extras.Deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    /// <summary>The silo died: drop the activation without OnDeactivateAsync; queued calls are re-routed.</summary>
    public void Kill()
    {
        List<Messaging.Message> orphans;
        lock (this)
        {
            if (_state == ActivationState.Invalid)
            {
                return;
            }
            Volatile.Write(ref _killed, true);
            _state = ActivationState.Invalid;
            orphans = DrainLocked();
        }
        DisposeTimers();
        foreach (var message in orphans)
        {
            message.Redirect();
        }
        _extras?.Deactivated?.TrySetResult();
    }

    // Runs as a turn: the grain constructor and every continuation stay on this activation's scheduler.
    private async Task ActivateAsync()
    {
        try
        {
            Grain grain;
            using (RuntimeContext.BeginActivating(this))
            {
                grain = _descriptor.Activator(this, _silo.Services);
            }
            List<Func<Task>>? states;
            lock (this)
            {
                _grain = grain;
                states = _extras?.StatesToRead;
                if (_extras is not null)
                {
                    _extras.StatesToRead = null;
                }
            }
            if (states is not null)
            {
                foreach (var read in states)
                {
                    await read();
                }
            }
            await grain.OnActivateAsync(CancellationToken.None);
            lock (this)
            {
                if (_state == ActivationState.Activating)
                {
                    _state = ActivationState.Valid;
                    _lastActive = _silo.TimeProvider.GetTimestamp();
                }
                ScheduleIfRunnableLocked();
            }
        }
        catch (Exception ex)
        {
            OnActivationFailed(ex);
        }
    }

    private void OnActivationFailed(Exception exception)
    {
        List<Messaging.Message> waiting;
        lock (this)
        {
            if (_state == ActivationState.Invalid)
            {
                return; // killed meanwhile
            }
            _state = ActivationState.Invalid;
            waiting = DrainLocked();
        }
        _silo.Catalog.Remove(this);
        DisposeTimers();
        _silo.Instruments.ActivationFailures.Add(1);
        RuntimeLog.ActivationFailed(_silo.Logger, exception, GrainId);
        foreach (var message in waiting)
        {
            message.Fail(exception);
        }
        _extras?.Deactivated?.TrySetResult();
    }

    private async Task DeactivateAsync(DeactivationReason reason)
    {
        DisposeTimers();
        try
        {
            if (_grain is not null)
            {
                await _grain.OnDeactivateAsync(reason, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            RuntimeLog.DeactivationFailed(_silo.Logger, ex, GrainId, reason);
        }
        List<Messaging.Message> orphans;
        lock (this)
        {
            if (_state == ActivationState.Invalid)
            {
                return; // killed while deactivating
            }
            _state = ActivationState.Invalid;
            orphans = DrainLocked();
        }
        _silo.Catalog.Remove(this);
        // Requests that arrived meanwhile start a new activation (here or on the grain's new owner).
        foreach (var message in orphans)
        {
            message.Redirect();
        }
        _extras?.Deactivated?.TrySetResult();
    }

    private void DisposeTimers()
    {
        List<GrainTimer>? timers;
        lock (this)
        {
            timers = _extras?.Timers;
            if (timers is not null)
            {
                _extras!.Timers = null;
            }
        }
        if (timers is null)
        {
            return;
        }
        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }
}
