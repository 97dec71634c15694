using BkMonitor.IntegrationTests.Fixtures;
using Microsoft.Data.Sqlite;

namespace BkMonitor.IntegrationTests.Alerts;

/// <summary>A silo database file path in a fresh temporary directory, deleted (with the pooled connections to it) on dispose.</summary>
internal sealed class TemporaryDatabase : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bkm-alert-index-").FullName;

    public string Path => System.IO.Path.Combine(_directory, "data", "bkmonitor.db");

    /// <summary>Drops the pooled connections, so the next open really opens the file again.</summary>
    public static void ClosePooledConnections() => SqliteConnection.ClearAllPools();

    /// <summary>Runs <paramref name="sql"/> on a connection of its own; the first column of the first row, if any.</summary>
    public async Task<object?> ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        RedisServerFixture.TryDelete(_directory);
    }
}
