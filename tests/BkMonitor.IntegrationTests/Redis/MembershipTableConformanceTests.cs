using BkMonitor.Runtime;

namespace BkMonitor.IntegrationTests.Redis;

/// <summary>
/// The behaviour every <see cref="IMembershipTable"/> must have (Orleans' membership table contract):
/// versioned inserts and updates with optimistic concurrency, heartbeats without a version change,
/// cleanup of defunct rows. A provider's tests inherit this class and supply a fresh, empty table.
/// </summary>
public abstract class MembershipTableConformanceTests
{
    protected static readonly DateTime Start = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>A new, empty table not shared with any other test.</summary>
    protected abstract Task<IMembershipTable> CreateTableAsync();

    protected static MembershipEntry Entry(int port, SiloStatus status = SiloStatus.Joining, DateTime? alive = null) => new()
    {
        Silo = new SiloAddress("10.0.0.1", port, 42),
        Status = status,
        SiloName = $"silo-{port}",
        Roles = ["alarm", $"cluster-{port % 2}"],
        StartTime = Start,
        IAmAliveTime = alive ?? Start,
    };

    private async Task<IMembershipTable> TableAsync()
    {
        var table = await CreateTableAsync();
        await table.InitAsync(CancellationToken.None);
        return table;
    }

    [Fact]
    public async Task A_new_table_is_empty_at_version_zero()
    {
        var snapshot = await (await TableAsync()).ReadAllAsync();
        Assert.Empty(snapshot.Entries);
        Assert.Equal(0, snapshot.Version.Version);
    }

    [Fact]
    public async Task An_inserted_row_reads_back_whole_and_bumps_the_version()
    {
        var table = await TableAsync();
        var entry = Entry(11111) with { Suspicions = [new SuspicionVote(new SiloAddress("10.0.0.2", 11111, 7), Start.AddSeconds(3))] };
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));

        var snapshot = await table.ReadAllAsync();
        Assert.Equal(1, snapshot.Version.Version);
        var (read, etag) = Assert.Single(snapshot.Entries);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(entry.Silo, read.Silo);
        Assert.Equal(entry.Status, read.Status);
        Assert.Equal(entry.SiloName, read.SiloName);
        Assert.Equal(entry.Roles, read.Roles);
        Assert.Equal(entry.StartTime, read.StartTime);
        Assert.Equal(entry.IAmAliveTime, read.IAmAliveTime);
        Assert.Equal(entry.Suspicions, read.Suspicions);
    }

    [Fact]
    public async Task An_insert_at_a_stale_version_is_refused()
    {
        var table = await TableAsync();
        var version = (await table.ReadAllAsync()).Version;
        Assert.True(await table.InsertRowAsync(Entry(1), version.Next()));
        Assert.False(await table.InsertRowAsync(Entry(2), version.Next()));
        Assert.Single((await table.ReadAllAsync()).Entries);
    }

    [Fact]
    public async Task A_silo_cannot_be_inserted_twice()
    {
        var table = await TableAsync();
        Assert.True(await table.InsertRowAsync(Entry(1), (await table.ReadAllAsync()).Version.Next()));
        Assert.False(await table.InsertRowAsync(Entry(1, SiloStatus.Active), (await table.ReadAllAsync()).Version.Next()));
        Assert.Equal(SiloStatus.Joining, Assert.Single((await table.ReadAllAsync()).Entries).Entry.Status);
    }

    [Fact]
    public async Task An_update_needs_the_row_etag_and_the_table_version()
    {
        var table = await TableAsync();
        await table.InsertRowAsync(Entry(1), (await table.ReadAllAsync()).Version.Next());
        var snapshot = await table.ReadAllAsync();
        var (entry, etag) = snapshot.Entries[0];

        Assert.True(await table.UpdateRowAsync(entry with { Status = SiloStatus.Active }, etag, snapshot.Version.Next()));
        // Same read again: the row ETag and the table version have both moved on.
        Assert.False(await table.UpdateRowAsync(entry with { Status = SiloStatus.Dead }, etag, snapshot.Version.Next().Next()));
        Assert.False(await table.UpdateRowAsync(entry with { Status = SiloStatus.Dead }, etag, snapshot.Version.Next()));
        var now = await table.ReadAllAsync();
        Assert.False(await table.UpdateRowAsync(entry with { Status = SiloStatus.Dead }, now.Entries[0].ETag, snapshot.Version.Next()));

        Assert.Equal(2, now.Version.Version);
        Assert.Equal(SiloStatus.Active, now.Entries[0].Entry.Status);
        Assert.NotEqual(etag, now.Entries[0].ETag);
    }

    [Fact]
    public async Task Concurrent_joiners_all_get_in_by_re_reading_and_retrying()
    {
        var table = await TableAsync();
        const int Joiners = 12;
        var attempts = await Task.WhenAll(Enumerable.Range(1, Joiners).Select(async port =>
        {
            for (var attempt = 1; ; attempt++)
            {
                var snapshot = await table.ReadAllAsync();
                if (await table.InsertRowAsync(Entry(port), snapshot.Version.Next())) return attempt;
            }
        }));

        var final = await table.ReadAllAsync();
        Assert.Equal(Joiners, final.Entries.Count);
        Assert.Equal(Joiners, final.Version.Version);
        Assert.Equal(Enumerable.Range(1, Joiners), final.Entries.Select(e => e.Entry.Silo.Port).Order());
        Assert.Contains(attempts, a => a == 1);
    }

    [Fact]
    public async Task A_heartbeat_is_visible_without_changing_version_or_etag()
    {
        var table = await TableAsync();
        await table.InsertRowAsync(Entry(1), (await table.ReadAllAsync()).Version.Next());
        var before = await table.ReadAllAsync();

        await table.UpdateIAmAliveAsync(Entry(1).Silo, Start.AddSeconds(30));

        var after = await table.ReadAllAsync();
        Assert.Equal(Start.AddSeconds(30), after.Entries[0].Entry.IAmAliveTime);
        Assert.Equal(before.Version.Version, after.Version.Version);
        Assert.Equal(before.Entries[0].ETag, after.Entries[0].ETag);
        // The row's owner can still update with what it read before the heartbeat.
        Assert.True(await table.UpdateRowAsync(before.Entries[0].Entry with { Status = SiloStatus.Active }, before.Entries[0].ETag, after.Version.Next()));
    }

    [Fact]
    public async Task A_heartbeat_for_an_unknown_silo_creates_no_row()
    {
        var table = await TableAsync();
        await table.UpdateIAmAliveAsync(Entry(9).Silo, Start);
        Assert.Empty((await table.ReadAllAsync()).Entries);
    }

    [Fact]
    public async Task Cleanup_removes_only_dead_rows_older_than_the_cutoff()
    {
        var table = await TableAsync();
        MembershipEntry[] rows =
        [
            Entry(1, SiloStatus.Dead, Start), Entry(2, SiloStatus.Dead, Start.AddMinutes(10)),
            Entry(3, SiloStatus.Active, Start), Entry(4, SiloStatus.ShuttingDown, Start),
        ];
        foreach (var row in rows) Assert.True(await table.InsertRowAsync(row, (await table.ReadAllAsync()).Version.Next()));

        await table.CleanupDefunctEntriesAsync(Start.AddMinutes(5));

        var left = await table.ReadAllAsync();
        Assert.Equal([2, 3, 4], left.Entries.Select(e => e.Entry.Silo.Port).Order());
    }
}
