using System.Collections.Concurrent;
using BkMonitor.GrainInterfaces.Metadata;
using BkMonitor.Runtime;

namespace BkMonitor.Grains.Metadata;

/// <summary>
/// This silo's copies of data sources, so ingest authorises a report without a grain call. Every change of a data
/// source is published to every silo before the change returns (<see cref="MetadataBroadcaster"/>), which drops the
/// copy here; the next lookup reads the grain again.
/// </summary>
public sealed class DataSourceCache
{
    private readonly ConcurrentDictionary<int, DataSourceInfo> _entries = new();
    private long _generation;

    public int Count => _entries.Count;

    public bool Contains(int bkDataId) => _entries.ContainsKey(bkDataId);

    public async ValueTask<DataSourceInfo?> GetAsync(IGrainFactory grains, int bkDataId)
    {
        if (_entries.TryGetValue(bkDataId, out var hit)) return hit;
        var generation = Volatile.Read(ref _generation);
        var info = await grains.GetGrain<IDataSourceGrain>(bkDataId).GetAsync();
        // A change published while the read was on its way may be newer than what came back: keep nothing then.
        if (info is not null && Volatile.Read(ref _generation) == generation) _entries.TryAdd(bkDataId, info);
        return info;
    }

    public async ValueTask<IngestAuthorization> AuthorizeAsync(IGrainFactory grains, long bkDataId, string accessToken) =>
        bkDataId is < 0 or > int.MaxValue
            ? IngestAuthorizer.Authorize(null, accessToken)
            : IngestAuthorizer.Authorize(await GetAsync(grains, (int)bkDataId), accessToken);

    public void Invalidate(int bkDataId)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(bkDataId, out _);
    }
}
