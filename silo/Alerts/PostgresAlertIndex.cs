using System.Data;
using System.Data.Common;
using BkMonitor.Runtime.Postgres;
using Npgsql;

namespace BkMonitor.Silo.Alerts;

/// <summary>
/// The cluster's alert index: table <c>bkm_alert_index</c> in the PostgreSQL database the reminder table uses,
/// shared by every silo, so a search sees the alerts of the whole cluster. The snapshot is stored as jsonb.
/// </summary>
internal sealed class PostgresAlertIndex : SqlAlertIndex, IAsyncDisposable, IDisposable
{
    private const string Table = "bkm_alert_index";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;

    public PostgresAlertIndex(string connectionString, string schema = "public")
        : base($"{schema}.{Table}", Table, "CAST(@snapshot AS jsonb)")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (!System.Text.RegularExpressions.Regex.IsMatch(schema, "^[a-z_][a-z0-9_]{0,62}$"))
        {
            throw new ArgumentException($"Schema '{schema}' must be a lower-case SQL identifier.", nameof(schema));
        }
        _schema = schema;
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Endpoint = $"{builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>host:port/database, for error messages.</summary>
    public string Endpoint { get; }

    public override async Task InitAsync(CancellationToken cancellationToken)
    {
        var table = $"{_schema}.{Table}";
        await using var connection = await OpenConnectionAsync(cancellationToken);
        // Several silos start at once: the advisory lock keeps their CREATE ... IF NOT EXISTS from racing on the catalog.
        await using var command = new NpgsqlCommand($"""
            SELECT pg_advisory_xact_lock(hashtext('bkm_alert_index_schema'));
            CREATE SCHEMA IF NOT EXISTS {_schema};
            CREATE TABLE IF NOT EXISTS {table} (
                id          varchar(64)  NOT NULL PRIMARY KEY,
                dedupe_md5  varchar(64)  NOT NULL,
                bk_biz_id   bigint       NOT NULL,
                strategy_id bigint       NULL,
                status      varchar(16)  NOT NULL,
                severity    integer      NOT NULL,
                begin_time  bigint       NOT NULL,
                end_time    bigint       NULL,
                latest_time bigint       NOT NULL,
                update_time bigint       NOT NULL,
                version     bigint       NOT NULL,
                id_time     bigint       NOT NULL,
                id_seq      bigint       NOT NULL,
                snapshot    jsonb        NOT NULL
            );
            {AlertIndexSql.IndexDdl(table, "bkm_alert_index")}
            """, connection);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await OpenConnectionAsync(cancellationToken);

    // A silo that cannot reach the index at start fails with the endpoint in its message, as the reminder table does.
    private async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new PostgresUnavailableException($"PostgreSQL at {Endpoint} (alert index) is unreachable: {ex.Message}", ex);
        }
    }

    protected override async ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();
}
