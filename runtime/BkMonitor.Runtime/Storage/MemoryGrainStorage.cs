using System.Collections.Concurrent;
using System.Globalization;
using BkMonitor.Runtime.Hosting;

namespace BkMonitor.Runtime.Storage;

/// <summary>
/// Grain storage in process memory. State is kept as serialized bytes so neither a writer nor a reader
/// can mutate what is stored; versions come from one counter so an ETag is never reused after a clear.
/// Share one instance between the silos of a test cluster so grains can move between them.
/// </summary>
public sealed class MemoryGrainStorage(string name, IGrainStateSerializer serializer) : IGrainStorage, IHealthReporter
{
    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), StoredState> _records = new();
    private long _lastVersion;

    public string Name => name;

    public string Namespace => $"storage:{name}";

    public int Count => _records.Count;

    public Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        if (_records.TryGetValue((stateName, grainId), out var stored))
        {
            grainState.State = serializer.Deserialize<TState>(stored.Data);
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        var key = (stateName, grainId);
        var next = new StoredState(serializer.Serialize(grainState.State), Interlocked.Increment(ref _lastVersion));
        var expected = grainState.ETag;
        if (expected is null)
        {
            if (!_records.TryAdd(key, next))
            {
                throw Conflict("Write", key, expected);
            }
        }
        else if (!_records.TryGetValue(key, out var current) || current.ETag != expected || !_records.TryUpdate(key, next, current))
        {
            throw Conflict("Write", key, expected);
        }
        grainState.ETag = next.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        var key = (stateName, grainId);
        var expected = grainState.ETag;
        var exists = _records.TryGetValue(key, out var current);
        if (expected is null ? exists : !exists || current!.ETag != expected || !_records.TryRemove(new KeyValuePair<(string, GrainId), StoredState>(key, current)))
        {
            throw Conflict("Clear", key, expected);
        }
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    public Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
        => Task.FromResult(new HealthReport(Namespace, HealthReport.Ok, "in-memory grain storage", [new HealthMetric("records", _records.Count)]));

    private InconsistentStateException Conflict(string operation, (string StateName, GrainId GrainId) key, string? expected)
        => StorageConflict.Create(name, operation, key.StateName, key.GrainId, _records.TryGetValue(key, out var now) ? now.ETag : null, expected);

    // A reference type on purpose: TryUpdate/TryRemove compare by reference, which is the compare-and-set.
    private sealed class StoredState(byte[] data, long version)
    {
        public byte[] Data { get; } = data;

        public string ETag { get; } = version.ToString(CultureInfo.InvariantCulture);
    }
}
