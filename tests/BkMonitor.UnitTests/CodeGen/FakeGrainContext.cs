using BkMonitor.Runtime;

namespace BkMonitor.UnitTests.CodeGen;

/// <summary>The smallest activation context generated activators need: identity, services and persistent state.</summary>
internal sealed class FakeGrainContext(GrainId grainId, IGrainFactory grainFactory, IServiceProvider services) : IGrainContext
{
    public GrainId GrainId { get; } = grainId;

    public IGrainFactory GrainFactory { get; } = grainFactory;

    public IServiceProvider ActivationServices { get; } = services;

    public TimeProvider TimeProvider => TimeProvider.System;

    public IReminderRegistry Reminders => throw new NotSupportedException();

    public object? GrainInstance { get; set; }

    public List<(string StateName, string? StorageName, Type StateType)> CreatedStates { get; } = [];

    public void Deactivate(DeactivationReason reason) => throw new NotSupportedException();

    public void DelayDeactivation(TimeSpan timeSpan) => throw new NotSupportedException();

    public IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options) => throw new NotSupportedException();

    public IStreamProvider GetStreamProvider(string name) => throw new NotSupportedException();

    public IPersistentState<TState> CreatePersistentState<TState>(string stateName, string? storageName) where TState : new()
    {
        CreatedStates.Add((stateName, storageName, typeof(TState)));
        return new MemoryState<TState>();
    }

    public TComponent? GetComponent<TComponent>() where TComponent : class => null;

    public void SetComponent<TComponent>(TComponent? component) where TComponent : class => throw new NotSupportedException();

    private sealed class MemoryState<TState> : IPersistentState<TState> where TState : new()
    {
        public TState State { get; set; } = new();

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }

        public Task ReadStateAsync() => Task.CompletedTask;

        public Task WriteStateAsync() => Task.CompletedTask;

        public Task ClearStateAsync() => Task.CompletedTask;
    }
}
