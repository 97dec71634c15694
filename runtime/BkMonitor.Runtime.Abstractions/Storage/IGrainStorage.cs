namespace BkMonitor.Runtime;

/// <summary>
/// A grain storage provider. Writes and clears compare the caller's ETag with the stored one and throw
/// <see cref="InconsistentStateException"/> on mismatch, which is how a stale activation is stopped.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Loads state, ETag and RecordExists; a missing record leaves State as is and ETag null.</summary>
    Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState);

    /// <summary>Stores State if the ETag matches (null ETag = must not exist), then sets the new ETag.</summary>
    Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState);

    /// <summary>Deletes the record if the ETag matches, then sets ETag null and RecordExists false.</summary>
    Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState);
}

/// <summary>Turns grain state into bytes and back (System.Text.Json by default).</summary>
public interface IGrainStateSerializer
{
    byte[] Serialize<TState>(TState state);

    TState Deserialize<TState>(ReadOnlySpan<byte> data);
}

/// <summary>Names of well-known providers.</summary>
public static class ProviderNames
{
    /// <summary>The grain storage used when <see cref="PersistentStateAttribute.StorageName"/> is null.</summary>
    public const string DefaultStorage = "Default";

    /// <summary>The stream provider used by the alarm pipeline.</summary>
    public const string DefaultStreams = "Default";
}
