using BkMonitor.Runtime;
using BkMonitor.Runtime.Testing;

namespace BkMonitor.UnitTests.Cluster;

public sealed class FileMembershipTableTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly string _directory = Directory.CreateTempSubdirectory("bkm-file-table-").FullName;

    private static MembershipEntry Entry(int port) => new()
    {
        Silo = new SiloAddress("127.0.0.1", port, 1),
        Status = SiloStatus.Active,
        Roles = ["alarm"],
        IAmAliveTime = T0,
        Suspicions = [new SuspicionVote(new SiloAddress("127.0.0.1", 9, 1), T0)],
    };

    [Fact]
    public async Task Rows_written_by_one_instance_are_read_by_another_with_versions_and_etags_enforced()
    {
        var writer = new FileMembershipTable(_directory);
        var reader = new FileMembershipTable(_directory);
        Assert.True(await writer.InsertRowAsync(Entry(1), new TableVersion(1, "1")));
        Assert.False(await writer.InsertRowAsync(Entry(2), new TableVersion(1, "1")));
        await writer.UpdateIAmAliveAsync(Entry(1).Silo, T0.AddSeconds(5));

        var snapshot = await reader.ReadAllAsync();
        var (entry, etag) = Assert.Single(snapshot.Entries);
        Assert.Equal(1, snapshot.Version.Version);
        Assert.Equal(T0.AddSeconds(5), entry.IAmAliveTime);
        Assert.Equal(["alarm"], entry.Roles);
        Assert.Single(entry.Suspicions);

        Assert.False(await reader.UpdateRowAsync(entry with { Status = SiloStatus.Dead }, "stale", snapshot.Version.Next()));
        Assert.True(await reader.UpdateRowAsync(entry with { Status = SiloStatus.Dead }, etag, snapshot.Version.Next()));
        await writer.CleanupDefunctEntriesAsync(T0.AddSeconds(6));
        Assert.Empty((await writer.ReadAllAsync()).Entries);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
