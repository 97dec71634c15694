using BkMonitor.Runtime.Catalog;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Messaging;
using BkMonitor.Runtime.Timers;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.Runtime.Activation;

/// <summary>
/// One activation of a grain: its mailbox, its scheduler (it is the <see cref="SynchronizationContext"/>
/// its turns run under, and the thread-pool work item that drains them) and its <see cref="IGrainContext"/>.
/// All mutable state is guarded by <c>lock (this)</c>; the type is internal so nobody else locks it.
/// </summary>
internal sealed partial class ActivationData : SynchronizationContext, IThreadPoolWorkItem, IGrainContext
{
    private readonly Silo _silo;
    private readonly GrainClassDescriptor _descriptor;
    private ActivationState _state;
    private bool _killed;
    private DeactivationReason? _deactivation;
    private long _lastActive;
    private long _keepAliveUntil;
    private Grain? _grain;
    private ActivationExtras? _extras;

    public ActivationData(Silo silo, GrainId grainId, GrainClassDescriptor descriptor, StatelessWorkerPool? pool)
    {
        _silo = silo;
        _descriptor = descriptor;
        GrainId = grainId;
        Pool = pool;
        _lastActive = silo.TimeProvider.GetTimestamp();
    }

    public GrainId GrainId { get; }

    public GrainClassDescriptor Descriptor => _descriptor;

    public Silo Silo => _silo;

    /// <summary>The stateless-worker pool this activation belongs to, if any.</summary>
    public StatelessWorkerPool? Pool { get; }

    public bool IsKilled => Volatile.Read(ref _killed);

    public ActivationState State
    {
        get
        {
            lock (this)
            {
                return _state;
            }
        }
    }

    public IGrainFactory GrainFactory => _silo.GrainFactory;

    public IServiceProvider ActivationServices => _silo.Services;

    public TimeProvider TimeProvider => _silo.TimeProvider;

    public IReminderRegistry Reminders => _silo.Services.GetService<IReminderRegistry>()
        ?? throw new InvalidOperationException(
            $"Grain {GrainId} uses reminders but no reminder service is configured: add one with silo.UseInMemoryReminderService() or UseSqliteReminderService(path).");

    public object? GrainInstance => _grain;

    public IStreamProvider GetStreamProvider(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _silo.Services.GetKeyedService<IStreamProvider>(name)
            ?? throw new KeyNotFoundException($"Grain {GrainId} asked for stream provider '{name}', which is not configured on silo {_silo.Address}.");
    }

    public IPersistentState<TState> CreatePersistentState<TState>(string stateName, string? storageName) where TState : new()
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        var factory = _silo.Services.GetService<IPersistentStateFactory>()
            ?? throw new InvalidOperationException(
                $"Grain {GrainId} declares persistent state '{stateName}' but no grain storage is configured: add one with silo.AddMemoryGrainStorage(name) or AddSqliteGrainStorage(name, path).");
        var state = factory.Create<TState>(this, stateName, storageName);
        lock (this)
        {
            if (_state == ActivationState.Activating && _grain is null)
            {
                (Extras.StatesToRead ??= []).Add(state.ReadStateAsync);
            }
        }
        return state;
    }

    public IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(options);
        var timer = new GrainTimer(this, callback, options);
        lock (this)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                timer.Dispose();
                throw new InvalidOperationException($"Grain {GrainId} is deactivating; it cannot register timers.");
            }
            (Extras.Timers ??= []).Add(timer);
        }
        timer.Start();
        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (this)
        {
            _extras?.Timers?.Remove(timer);
        }
    }

    public TComponent? GetComponent<TComponent>() where TComponent : class
    {
        lock (this)
        {
            return _extras?.Components is { } components && IndexOf(components, typeof(TComponent)) is var i and >= 0
                ? (TComponent)components[i].Value
                : null;
        }
    }

    public void SetComponent<TComponent>(TComponent? component) where TComponent : class
    {
        lock (this)
        {
            var components = component is null ? _extras?.Components : Extras.Components ??= new(1);
            if (components is null) return;
            var i = IndexOf(components, typeof(TComponent));
            if (component is null)
            {
                if (i >= 0) components.RemoveAt(i);
            }
            else if (i >= 0)
            {
                components[i] = new(typeof(TComponent), component);
            }
            else
            {
                components.Add(new(typeof(TComponent), component));
            }
        }
    }

    private static int IndexOf(List<KeyValuePair<Type, object>> components, Type type)
    {
        for (var i = 0; i < components.Count; i++)
        {
            if (components[i].Key == type) return i;
        }
        return -1;
    }

    public void DelayDeactivation(TimeSpan timeSpan)
    {
        var now = _silo.TimeProvider.GetTimestamp();
        lock (this)
        {
            _keepAliveUntil = timeSpan <= TimeSpan.Zero ? 0 : now + TimestampSpan.From(_silo.TimeProvider, timeSpan);
        }
    }

    /// <summary>Whether idle collection may take this activation now.</summary>
    public bool IsIdle(long now, long ageTicks)
    {
        lock (this)
        {
            return _state == ActivationState.Valid
                && _deactivation is null
                && _running == 0
                && (_pending?.Count ?? 0) == 0
                && (_interleaved?.Count ?? 0) == 0
                && now - _lastActive >= ageTicks
                && now >= _keepAliveUntil;
        }
    }

    public override string ToString() => $"[Activation {GrainId} on {_silo.Address}]";

    private ActivationExtras Extras => _extras ??= new ActivationExtras();
}
