using BkMonitor.Grains.Alerts;
using BkMonitor.Runtime.Sqlite.Reminders;
using BkMonitor.Silo.Alerts;
using Microsoft.Data.Sqlite;

namespace BkMonitor.IntegrationTests.Alerts;

/// <summary>The embedded alert index on a real SQLite file in a temporary directory.</summary>
public sealed class SqliteAlertIndexTests : AlertIndexConformanceTests, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bkm-alert-index-").FullName;

    private string DatabasePath => Path.Combine(_directory, "data", "bkmonitor.db");

    protected override async Task<IAlertIndex> OpenAsync()
    {
        var index = new SqliteAlertIndex(DatabasePath);
        await index.InitAsync(CancellationToken.None);
        return index;
    }

    protected override async Task<IAlertIndex> ReopenAsync()
    {
        // Drop the pooled connections so the file is really opened again.
        SqliteConnection.ClearAllPools();
        return await OpenAsync();
    }

    [Fact]
    public async Task Lives_in_the_silo_database_file_beside_the_reminders()
    {
        var reminders = new SqliteReminderTable(DatabasePath);
        await reminders.InitAsync(CancellationToken.None);
        var index = await OpenAsync();
        await index.UpsertAsync([AlertSnapshots.Alert(1_700_000_000, 1)], CancellationToken.None);

        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('reminders', 'alert_index') ORDER BY name);";
        Assert.Equal("alert_index,reminders", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
