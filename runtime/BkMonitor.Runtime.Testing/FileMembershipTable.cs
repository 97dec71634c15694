using System.Globalization;
using System.Text.Json;

namespace BkMonitor.Runtime.Testing;

/// <summary>
/// An <see cref="IMembershipTable"/> in one JSON file, shared by silo processes on one machine (benchmarks that
/// cannot start Redis). Every operation holds an exclusive lock file, so version and ETag checks are as atomic
/// as the Redis table's Lua scripts.
/// </summary>
public sealed class FileMembershipTable : IMembershipTable
{
    private static readonly JsonSerializerOptions Json = new();
    private readonly string _path;
    private readonly string _lockPath;

    public FileMembershipTable(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        _path = Path.Combine(directory, "membership.json");
        _lockPath = Path.Combine(directory, "membership.lock");
    }

    public Task InitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<MembershipTableSnapshot> ReadAllAsync() => LockedAsync(table => (Snapshot(table), false));

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version) => LockedAsync(table =>
    {
        if (table.Rows.Exists(r => r.Entry.Silo == entry.Silo) || version.Version != table.Version + 1)
        {
            return (false, false);
        }
        table.Version++;
        table.Rows.Add(new Row(entry, NextETag(table)));
        return (true, true);
    });

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version) => LockedAsync(table =>
    {
        var index = table.Rows.FindIndex(r => r.Entry.Silo == entry.Silo);
        if (index < 0 || table.Rows[index].ETag != etag || version.Version != table.Version + 1)
        {
            return (false, false);
        }
        table.Version++;
        var alive = table.Rows[index].Entry.IAmAliveTime;
        table.Rows[index] = new Row(entry with { IAmAliveTime = entry.IAmAliveTime > alive ? entry.IAmAliveTime : alive }, NextETag(table));
        return (true, true);
    });

    public Task UpdateIAmAliveAsync(SiloAddress silo, DateTime iAmAliveTime) => LockedAsync(table =>
    {
        var index = table.Rows.FindIndex(r => r.Entry.Silo == silo);
        if (index >= 0)
        {
            table.Rows[index] = table.Rows[index] with { Entry = table.Rows[index].Entry with { IAmAliveTime = iAmAliveTime } };
        }
        return (true, index >= 0);
    });

    public Task CleanupDefunctEntriesAsync(DateTime before) => LockedAsync(table =>
    {
        var removed = table.Rows.RemoveAll(r => r.Entry.Status == SiloStatus.Dead && r.Entry.IAmAliveTime < before);
        return (removed, removed > 0);
    });

    private static MembershipTableSnapshot Snapshot(Table table)
    {
        var entries = new List<(MembershipEntry, string)>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            entries.Add((row.Entry, row.ETag));
        }
        var version = table.Version.ToString(CultureInfo.InvariantCulture);
        return new MembershipTableSnapshot(entries, new TableVersion(table.Version, version));
    }

    private static string NextETag(Table table) => (++table.ETags).ToString(CultureInfo.InvariantCulture);

    private async Task<T> LockedAsync<T>(Func<Table, (T Result, bool Changed)> operation)
    {
        await using var held = await AcquireAsync();
        var table = File.Exists(_path) ? JsonSerializer.Deserialize<Table>(await File.ReadAllBytesAsync(_path), Json) ?? new Table() : new Table();
        var (result, changed) = operation(table);
        if (changed)
        {
            var temporary = _path + ".tmp";
            await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(table, Json));
            File.Move(temporary, _path, overwrite: true);
        }
        return result;
    }

    private async Task<FileStream> AcquireAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                // FileShare.None is an exclusive lock across processes (flock on Unix).
                return new FileStream(_lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 10_000)
            {
                await Task.Delay(1);
            }
        }
    }

    private sealed record Row(MembershipEntry Entry, string ETag);

    private sealed class Table
    {
        public int Version { get; set; }

        public int ETags { get; set; }

        public List<Row> Rows { get; set; } = [];
    }
}
