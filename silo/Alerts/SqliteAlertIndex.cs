using System.Data.Common;
using BkMonitor.Runtime.Sqlite;
using Microsoft.Data.Sqlite;

namespace BkMonitor.Silo.Alerts;

/// <summary>
/// The embedded alert index: table <c>alert_index</c> in the silo's SQLite file (beside grain state and
/// reminders, opened the same way: WAL, so searches never wait for the writer). The snapshot is stored as JSON text.
/// </summary>
internal sealed class SqliteAlertIndex : SqlAlertIndex
{
    private const string Table = "alert_index";

    private static readonly string Schema = $"""
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

    private readonly SqliteDatabase _database;

    public SqliteAlertIndex(string databasePath)
        : base(Table, Table, "@snapshot")
    {
        _database = new SqliteDatabase(databasePath);
    }

    public string DatabasePath => _database.FullPath;

    public override Task InitAsync(CancellationToken cancellationToken) => _database.EnsureSchemaAsync(Schema, cancellationToken);

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await _database.OpenAsync(cancellationToken);

    // Deferred: a read transaction takes no write lock, so it never holds up the grain storage in the same file.
    protected override ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));
}
