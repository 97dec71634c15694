using BkMonitor.IntegrationTests.Fixtures;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Postgres;
using BkMonitor.Runtime.Postgres.Reminders;

namespace BkMonitor.IntegrationTests.Postgres;

public sealed class PostgresReminderTableTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    private async Task<PostgresReminderTable> TableAsync(string serviceId)
    {
        var table = new PostgresReminderTable(new PostgresConnector(new PostgresOptions { ConnectionString = postgres.ConnectionString, ServiceId = serviceId }));
        await table.InitAsync(CancellationToken.None);
        await table.InitAsync(CancellationToken.None); // schema creation is idempotent
        return table;
    }

    private static ReminderEntry Entry(string key, string name, int periodSeconds = 10) => new()
    {
        GrainId = new GrainId("strategy", key),
        ReminderName = name,
        StartAt = new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc),
        Period = TimeSpan.FromSeconds(periodSeconds),
    };

    [Fact]
    public async Task Delivery_log_keeps_the_last_tick_of_the_current_version_only()
    {
        var table = await TableAsync("svc-delivery");
        var entry = Entry("11", "access");
        var eTag = await table.UpsertRowAsync(entry);
        await table.RecordDeliveryAsync(entry.GrainId, "access", eTag, entry.StartAt.AddSeconds(10));
        await table.RecordDeliveryAsync(entry.GrainId, "access", "999999", entry.StartAt.AddSeconds(20));
        var hash = entry.GrainId.GetUniformHashCode();

        var row = Assert.Single(await table.ReadRowsWithDeliveriesAsync(hash - 1, hash));
        Assert.Equal(entry.StartAt.AddSeconds(10), row.LastTickTime);
        Assert.Equal(eTag, row.Entry.ETag);

        await table.UpsertRowAsync(entry);
        Assert.Null(Assert.Single(await table.ReadRowsWithDeliveriesAsync(hash - 1, hash)).LastTickTime);
    }

    [Fact]
    public async Task Upsert_bumps_the_version_and_remove_needs_the_current_one()
    {
        var table = await TableAsync("svc-etag");
        var v1 = await table.UpsertRowAsync(Entry("1", "access"));
        var v2 = await table.UpsertRowAsync(Entry("1", "access", 30));
        Assert.NotEqual(v1, v2);
        var row = await table.ReadRowAsync(new GrainId("strategy", "1"), "access");
        Assert.Equal(TimeSpan.FromSeconds(30), row!.Period);
        Assert.Equal(v2, row.ETag);
        Assert.Equal(DateTimeKind.Utc, row.StartAt.Kind);
        Assert.False(await table.RemoveRowAsync(row.GrainId, "access", v1));
        Assert.True(await table.RemoveRowAsync(row.GrainId, "access", v2));
        Assert.Null(await table.ReadRowAsync(row.GrainId, "access"));
    }

    [Fact]
    public async Task Ring_ranges_are_half_open_and_wrap()
    {
        var table = await TableAsync("svc-ring");
        var entries = Enumerable.Range(0, 200).Select(i => Entry(i.ToString(), "r")).ToList();
        foreach (var e in entries) await table.UpsertRowAsync(e);
        var pivot = entries[17].GrainHash;
        var upper = await table.ReadRowsAsync(pivot, uint.MaxValue);
        var wrapped = await table.ReadRowsAsync(uint.MaxValue, pivot);
        Assert.Equal(200, upper.Count + wrapped.Count);
        Assert.DoesNotContain(upper, r => r.GrainId == entries[17].GrainId);
        Assert.Contains(wrapped, r => r.GrainId == entries[17].GrainId);
        Assert.Equal(200, (await table.ReadRowsAsync(pivot, pivot)).Count);
    }

    [Fact]
    public async Task Service_ids_do_not_see_each_other()
    {
        var a = await TableAsync("svc-a");
        var b = await TableAsync("svc-b");
        await a.UpsertRowAsync(Entry("9", "x"));
        Assert.Single(await a.ReadRowsAsync(new GrainId("strategy", "9")));
        Assert.Empty(await b.ReadRowsAsync(new GrainId("strategy", "9")));
    }

    [Fact]
    public async Task Unreachable_server_names_the_endpoint()
    {
        var table = new PostgresReminderTable(new PostgresConnector(new PostgresOptions { ConnectionString = "Host=127.0.0.1;Port=1;Username=x;Password=y;Database=z;Timeout=2" }));
        var ex = await Assert.ThrowsAsync<PostgresUnavailableException>(() => table.InitAsync(CancellationToken.None));
        Assert.Contains("127.0.0.1:1/z", ex.Message);
    }
}
