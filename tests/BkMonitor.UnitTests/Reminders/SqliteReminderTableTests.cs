using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Sqlite.Reminders;
using BkMonitor.UnitTests.Storage;
using Microsoft.Data.Sqlite;

namespace BkMonitor.UnitTests.Reminders;

public sealed class SqliteReminderTableTests : ReminderTableConformanceTests
{
    private readonly TempDatabaseFolder _folder = new("reminders");

    private string DatabasePath => _folder.File("reminders.db");

    protected override Task<IReminderTable> CreateTableAsync() => Task.FromResult<IReminderTable>(new SqliteReminderTable(DatabasePath));

    public override Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Rows_survive_reopening_the_file()
    {
        var grain = new GrainId("strategy", "durable");
        var eTag = await Table.UpsertRowAsync(Entry(grain, "access", T0.AddSeconds(5), TimeSpan.FromSeconds(30)));
        SqliteConnection.ClearAllPools();

        var reopened = new SqliteReminderTable(DatabasePath);
        await reopened.InitAsync(CancellationToken.None);
        var row = await reopened.ReadRowAsync(grain, "access");

        Assert.NotNull(row);
        Assert.Equal(T0.AddSeconds(5), row.StartAt);
        Assert.Equal(eTag, row.ETag);
        Assert.NotEqual(eTag, await reopened.UpsertRowAsync(Entry(grain, "access")));
    }

    [Fact]
    public async Task Service_ids_keep_clusters_apart_in_one_file()
    {
        var grain = new GrainId("strategy", "shared");
        await Table.UpsertRowAsync(Entry(grain, "access"));
        var other = new SqliteReminderTable(DatabasePath, "other-cluster");
        await other.InitAsync(CancellationToken.None);

        Assert.Empty(await other.ReadRowsAsync(grain));
        Assert.Empty(await other.ReadRowsAsync(0, 0));
    }

    [Fact]
    public async Task Health_reports_the_row_count()
    {
        await Table.UpsertRowAsync(Entry(new GrainId("strategy", "h"), "access"));
        var report = await ((SqliteReminderTable)Table).CheckAsync(CancellationToken.None);
        Assert.Equal(HealthReport.Ok, report.Status);
        Assert.Contains(report.Metrics, m => m.Name == "reminders" && m.Value == 1);
    }
}
