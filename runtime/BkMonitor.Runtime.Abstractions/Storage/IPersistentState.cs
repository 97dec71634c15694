namespace BkMonitor.Runtime;

/// <summary>A grain's persisted state with ETag optimistic concurrency.</summary>
public interface IPersistentState<TState> : IGrainState<TState>
{
    Task ReadStateAsync();

    /// <summary>Writes the state; throws <see cref="InconsistentStateException"/> when storage holds a newer version.</summary>
    Task WriteStateAsync();

    /// <summary>Removes the state and resets <see cref="IGrainState{T}.State"/> to a new instance.</summary>
    Task ClearStateAsync();
}

/// <summary>State plus the storage version it was read at.</summary>
public interface IGrainState<TState>
{
    TState State { get; set; }

    /// <summary>Opaque version from storage; null when no record exists.</summary>
    string? ETag { get; set; }

    bool RecordExists { get; set; }
}

/// <summary>A plain holder of grain state, used by providers and tests.</summary>
public sealed class GrainState<TState>(TState state) : IGrainState<TState>
{
    public TState State { get; set; } = state;

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
