using BkMonitor.Grains.Alerts;
using BkMonitor.Runtime.Sqlite.Reminders;
using BkMonitor.Silo.Alerts;

namespace BkMonitor.IntegrationTests.Alerts;

/// <summary>The embedded alert index on a real SQLite file in a temporary directory.</summary>
public sealed class SqliteAlertIndexTests : AlertIndexConformanceTests, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    private string DatabasePath => _database.Path;

    protected override async Task<IAlertIndex> OpenAsync()
    {
        var index = new SqliteAlertIndex(DatabasePath);
        await index.InitAsync(CancellationToken.None);
        return index;
    }

    protected override async Task<IAlertIndex> ReopenAsync()
    {
        TemporaryDatabase.ClosePooledConnections();
        return await OpenAsync();
    }

    [Fact]
    public async Task Lives_in_the_silo_database_file_beside_the_reminders()
    {
        var reminders = new SqliteReminderTable(DatabasePath);
        await reminders.InitAsync(CancellationToken.None);
        var index = await OpenAsync();
        await index.UpsertAsync([AlertSnapshots.Alert(1_700_000_000, 1)], CancellationToken.None);

        var tables = "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('reminders', 'alert_index') ORDER BY name);";
        Assert.Equal("alert_index,reminders", await _database.ExecuteAsync(tables));
        Assert.Equal("wal", await _database.ExecuteAsync("PRAGMA journal_mode;"));
    }

    public void Dispose() => _database.Dispose();
}
