using System.Runtime.CompilerServices;
using BkMonitor.Runtime;

namespace BkMonitor.Benchmarks.Measurement;

/// <summary>
/// Stands in for an external store in memory measurements: states of the listed types are serialized (so the
/// cost and size of a write are real and counted) but not kept, so the in-memory grain storage holds no copy of
/// them in the silo's heap. Such a state can never be read back: the benchmark keeps its grains active.
/// </summary>
public sealed class DiscardingStateSerializer(IGrainStateSerializer inner, params Type[] discarded) : IGrainStateSerializer
{
    private readonly Dictionary<Type, StrongBox<long>> _writes = discarded.ToDictionary(t => t, _ => new StrongBox<long>());
    private long _bytes;

    /// <summary>Bytes serialized for discarded states, every write counted.</summary>
    public long DiscardedBytes => Interlocked.Read(ref _bytes);

    public long WritesOf(Type type) => _writes.TryGetValue(type, out var count) ? Interlocked.Read(ref count.Value) : 0;

    public byte[] Serialize<TState>(TState state)
    {
        var data = inner.Serialize(state);
        if (!_writes.TryGetValue(typeof(TState), out var writes)) return data;
        Interlocked.Increment(ref writes.Value);
        Interlocked.Add(ref _bytes, data.Length);
        return [];
    }

    public TState Deserialize<TState>(ReadOnlySpan<byte> data) =>
        data.IsEmpty && _writes.ContainsKey(typeof(TState))
            ? throw new InvalidOperationException($"{typeof(TState).Name} was discarded: its grain must stay active")
            : inner.Deserialize<TState>(data);
}
