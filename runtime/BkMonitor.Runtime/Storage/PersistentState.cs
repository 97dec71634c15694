namespace BkMonitor.Runtime.Storage;

/// <summary>One activation's persisted state, bound to a named <see cref="IGrainStorage"/>; the storage sets ETag and RecordExists on it directly.</summary>
internal sealed class PersistentState<TState>(string stateName, GrainId grainId, IGrainStorage storage) : IPersistentState<TState>
    where TState : new()
{
    public TState State { get; set; } = new();

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }

    public string StateName => stateName;

    public async Task ReadStateAsync()
    {
        await storage.ReadStateAsync(stateName, grainId, this);
        // A record removed by someone else since the last read must not leave the old values visible.
        if (!RecordExists)
        {
            State = new TState();
        }
    }

    public Task WriteStateAsync() => storage.WriteStateAsync(stateName, grainId, this);

    public async Task ClearStateAsync()
    {
        await storage.ClearStateAsync(stateName, grainId, this);
        State = new TState();
    }

    public override string ToString() => $"{stateName} of {grainId} (etag {ETag ?? "none"})";
}
