using System.Globalization;

namespace BkMonitor.Runtime.Testing;

/// <summary>
/// An <see cref="IMembershipTable"/> in memory with the same version/ETag rules as the Redis table, shared by the
/// silos of one process that talk over the network transport (tests, the ping_remote and failover benchmarks).
/// </summary>
public sealed class InMemoryMembershipTable : IMembershipTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SiloAddress, (MembershipEntry Entry, string ETag)> _rows = [];
    private int _version;
    private int _etags;

    /// <summary>Writes that lost an optimistic-concurrency race (the writer had to retry).</summary>
    public int Conflicts { get; private set; }

    public Task InitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<MembershipTableSnapshot> ReadAllAsync()
    {
        await Task.Yield();
        lock (_lock)
        {
            return new MembershipTableSnapshot(_rows.Values.ToList(), new TableVersion(_version, _version.ToString(CultureInfo.InvariantCulture)));
        }
    }

    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version)
    {
        await Task.Yield();
        lock (_lock)
        {
            if (_rows.ContainsKey(entry.Silo) || version.Version != _version + 1)
            {
                Conflicts++;
                return false;
            }
            _version++;
            _rows[entry.Silo] = (entry, NextETag());
            return true;
        }
    }

    public async Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version)
    {
        await Task.Yield();
        lock (_lock)
        {
            if (!_rows.TryGetValue(entry.Silo, out var row) || row.ETag != etag || version.Version != _version + 1)
            {
                Conflicts++;
                return false;
            }
            _version++;
            _rows[entry.Silo] = (entry with { IAmAliveTime = Max(entry.IAmAliveTime, row.Entry.IAmAliveTime) }, NextETag());
            return true;
        }
    }

    public Task UpdateIAmAliveAsync(SiloAddress silo, DateTime iAmAliveTime)
    {
        lock (_lock)
        {
            if (_rows.TryGetValue(silo, out var row))
            {
                _rows[silo] = (row.Entry with { IAmAliveTime = iAmAliveTime }, row.ETag);
            }
        }
        return Task.CompletedTask;
    }

    public Task CleanupDefunctEntriesAsync(DateTime before)
    {
        lock (_lock)
        {
            foreach (var (silo, row) in _rows.ToList())
            {
                if (row.Entry.Status == SiloStatus.Dead && row.Entry.IAmAliveTime < before)
                {
                    _rows.Remove(silo);
                }
            }
        }
        return Task.CompletedTask;
    }

    public bool HasRow(SiloAddress silo)
    {
        lock (_lock)
        {
            return _rows.ContainsKey(silo);
        }
    }

    /// <summary>What a Redis restart without persistence does to the table.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _rows.Clear();
            _version = 0;
        }
    }

    public MembershipEntry Row(SiloAddress silo)
    {
        lock (_lock)
        {
            return _rows[silo].Entry;
        }
    }

    private string NextETag() => (++_etags).ToString(CultureInfo.InvariantCulture);

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
