using System.Runtime.CompilerServices;
using BkMonitor.Runtime;

namespace BkMonitor.Benchmarks.Measurement;

/// <summary>
/// Stands in for an external store (Redis, PostgreSQL) in memory measurements: a state of the listed types is
/// serialized on every write (so its cost and size are real and counted) and nothing of it is kept, neither the bytes
/// nor a per-grain record, so the silo's heap holds only what the grains hold. Such a state is never found by a read:
/// its grains must not be read back (the scenario never reactivates one). Other states go to <paramref name="inner"/>.
/// </summary>
public sealed class DiscardingGrainStorage(IGrainStorage inner, IGrainStateSerializer serializer, params Type[] discarded) : IGrainStorage
{
    private readonly Dictionary<Type, StrongBox<long>> _writes = discarded.ToDictionary(t => t, _ => new StrongBox<long>());
    private readonly Lock _gate = new();
    private long _bytes;
    private long _version;

    /// <summary>Bytes serialized, every write counted.</summary>
    public long DiscardedBytes => Interlocked.Read(ref _bytes);

    public long WritesOf(Type type)
    {
        lock (_gate) return _writes.TryGetValue(type, out var count) ? count.Value : 0;
    }

    public Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        if (!_writes.ContainsKey(typeof(TState))) return inner.ReadStateAsync(stateName, grainId, grainState);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        if (!_writes.TryGetValue(typeof(TState), out var count)) return inner.WriteStateAsync(stateName, grainId, grainState);
        var data = serializer.Serialize(grainState.State);
        Interlocked.Add(ref _bytes, data.Length);
        lock (_gate) count.Value++;
        grainState.ETag = Interlocked.Increment(ref _version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        if (!_writes.ContainsKey(typeof(TState))) return inner.ClearStateAsync(stateName, grainId, grainState);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
