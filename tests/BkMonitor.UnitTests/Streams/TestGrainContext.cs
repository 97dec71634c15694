using BkMonitor.Runtime;

namespace BkMonitor.UnitTests.Streams;

/// <summary>A bare activation context for service tests: identity, components and stream providers; everything else is unsupported.</summary>
internal sealed class TestGrainContext(GrainId grainId, Func<string, IStreamProvider>? streamProviders = null, IServiceProvider? services = null) : IGrainContext
{
    private readonly Dictionary<Type, object> _components = [];

    public GrainId GrainId { get; } = grainId;

    public IGrainFactory GrainFactory => throw new NotSupportedException();

    public IServiceProvider ActivationServices => services ?? throw new NotSupportedException();

    public TimeProvider TimeProvider => TimeProvider.System;

    public IReminderRegistry Reminders => throw new NotSupportedException();

    public object? GrainInstance { get; set; }

    public List<DeactivationReason> Deactivations { get; } = [];

    public void Deactivate(DeactivationReason reason) => Deactivations.Add(reason);

    public void DelayDeactivation(TimeSpan timeSpan)
    {
    }

    public IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options) => throw new NotSupportedException();

    public IStreamProvider GetStreamProvider(string name)
        => streamProviders?.Invoke(name) ?? throw new KeyNotFoundException($"No stream provider '{name}'.");

    public IPersistentState<TState> CreatePersistentState<TState>(string stateName, string? storageName) where TState : new()
        => throw new NotSupportedException();

    public TComponent? GetComponent<TComponent>() where TComponent : class
    {
        lock (_components)
        {
            return _components.TryGetValue(typeof(TComponent), out var c) ? (TComponent)c : null;
        }
    }

    public void SetComponent<TComponent>(TComponent? component) where TComponent : class
    {
        lock (_components)
        {
            if (component is null)
            {
                _components.Remove(typeof(TComponent));
            }
            else
            {
                _components[typeof(TComponent)] = component;
            }
        }
    }
}
