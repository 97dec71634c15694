namespace BkMonitor.Runtime;

/// <summary>What the runtime gives one activation: identity, services, lifecycle, timers, reminders, streams.</summary>
public interface IGrainContext
{
    GrainId GrainId { get; }

    IGrainFactory GrainFactory { get; }

    IServiceProvider ActivationServices { get; }

    TimeProvider TimeProvider { get; }

    IReminderRegistry Reminders { get; }

    /// <summary>The grain instance, once constructed.</summary>
    object? GrainInstance { get; }

    void Deactivate(DeactivationReason reason);

    void DelayDeactivation(TimeSpan timeSpan);

    IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options);

    IStreamProvider GetStreamProvider(string name);

    /// <summary>Creates the state object for a <c>[PersistentState]</c> constructor parameter; it is read before activation completes.</summary>
    IPersistentState<TState> CreatePersistentState<TState>(string stateName, string? storageName) where TState : new();

    /// <summary>A per-activation feature (stream subscriptions, state list...) set by runtime services.</summary>
    TComponent? GetComponent<TComponent>() where TComponent : class;

    void SetComponent<TComponent>(TComponent? component) where TComponent : class;
}
