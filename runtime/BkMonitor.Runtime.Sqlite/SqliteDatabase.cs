using BkMonitor.Runtime.Hosting;
using Microsoft.Data.Sqlite;

namespace BkMonitor.Runtime.Sqlite;

/// <summary>
/// One local SQLite file in WAL mode. Connections are pooled by Microsoft.Data.Sqlite and opened per
/// operation; SQLITE_BUSY is retried by the driver up to the command timeout. synchronous=NORMAL in WAL
/// mode keeps every committed write across a process crash (a power loss may drop the last commits).
/// </summary>
public sealed class SqliteDatabase
{
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private readonly HashSet<string> _createdSchemas = new(StringComparer.Ordinal);

    public SqliteDatabase(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        FullPath = Path.GetFullPath(databasePath);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string FullPath { get; }

    public string ConnectionString { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates the file (and its folder), switches it to WAL and runs <paramref name="ddl"/> once per process for this file.</summary>
    public async Task EnsureSchemaAsync(string ddl, CancellationToken cancellationToken = default)
    {
        await _initGate.WaitAsync(cancellationToken);
        try
        {
            if (_createdSchemas.Contains(ddl))
            {
                return;
            }
            var folder = Path.GetDirectoryName(FullPath);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;\n" + ddl;
            await command.ExecuteNonQueryAsync(cancellationToken);
            _createdSchemas.Add(ddl);
        }
        finally
        {
            _initGate.Release();
        }
    }

    /// <summary>Health of the file: reachable, size, and one provider-specific count.</summary>
    public async Task<HealthReport> CheckAsync(string healthNamespace, string countSql, string countMetric, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = countSql;
            var count = Convert.ToDouble(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            var size = File.Exists(FullPath) ? new FileInfo(FullPath).Length : 0;
            return new HealthReport(healthNamespace, HealthReport.Ok, $"sqlite {FullPath}",
                [new HealthMetric(countMetric, count), new HealthMetric("file_size", size, "bytes")]);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return new HealthReport(healthNamespace, HealthReport.Failing, $"sqlite {FullPath}: {ex.Message}", []);
        }
    }
}
