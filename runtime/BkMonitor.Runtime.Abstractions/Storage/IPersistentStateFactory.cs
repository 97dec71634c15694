namespace BkMonitor.Runtime;

/// <summary>Creates <see cref="IPersistentState{TState}"/> objects bound to a named <see cref="IGrainStorage"/>.</summary>
public interface IPersistentStateFactory
{
    /// <summary>
    /// Creates the state for an activation. The runtime calls <see cref="IPersistentState{TState}.ReadStateAsync"/>
    /// on every state created during construction before <c>OnActivateAsync</c>. An unknown storage name
    /// throws with the name and the configured providers.
    /// </summary>
    IPersistentState<TState> Create<TState>(IGrainContext context, string stateName, string? storageName) where TState : new();
}
