using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace BkMonitor.Silo.Alerts;

/// <summary>
/// The embedded alert index: table <c>alert_index</c> in the silo's SQLite file (beside grain state and
/// reminders), WAL mode so searches never wait for the writer. The snapshot is stored as JSON text.
/// </summary>
internal sealed class SqliteAlertIndex : SqlAlertIndex
{
    private const string Table = "alert_index";

    private static readonly string Schema = $"""
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS {Table} (
            id TEXT NOT NULL PRIMARY KEY,
            dedupe_md5 TEXT NOT NULL,
            bk_biz_id INTEGER NOT NULL,
            strategy_id INTEGER NULL,
            status TEXT NOT NULL,
            severity INTEGER NOT NULL,
            begin_time INTEGER NOT NULL,
            end_time INTEGER NULL,
            latest_time INTEGER NOT NULL,
            update_time INTEGER NOT NULL,
            version INTEGER NOT NULL,
            id_time INTEGER NOT NULL,
            id_seq INTEGER NOT NULL,
            snapshot TEXT NOT NULL
        ) WITHOUT ROWID;
        {AlertIndexSql.IndexDdl(Table, "ix_alert_index")}
        """;

    private readonly string _connectionString;

    public SqliteAlertIndex(string databasePath)
        : base(Table, Table, "@snapshot")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DatabasePath { get; }

    public override async Task InitAsync(CancellationToken cancellationToken)
    {
        if (Path.GetDirectoryName(DatabasePath) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();
            // WAL + NORMAL: a commit survives a process crash (as the grain storage in the same file does).
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

    // Deferred: a read transaction takes no write lock, so it never holds up the grain storage in the same file.
    protected override ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));
}
