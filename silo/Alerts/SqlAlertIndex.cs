using System.Data.Common;
using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Grains.Alerts;

namespace BkMonitor.Silo.Alerts;

/// <summary>
/// The alert index over an ADO.NET database, one row per alert (see <see cref="AlertIndexSql"/>); the SQLite and
/// PostgreSQL stores differ only in their connection, schema and JSON column type.
/// </summary>
internal abstract class SqlAlertIndex : IAlertIndex
{
    private readonly string _table;
    private readonly string _upsert;

    /// <param name="table">The table as statements name it (schema-qualified in PostgreSQL).</param>
    /// <param name="target">Its unqualified name, which names the existing row in the upsert's guard.</param>
    /// <param name="snapshotSql">The SQL of the JSON snapshot parameter.</param>
    protected SqlAlertIndex(string table, string target, string snapshotSql)
    {
        _table = table;
        _upsert = AlertIndexSql.Upsert(table, target, snapshotSql);
    }

    public abstract Task InitAsync(CancellationToken cancellationToken);

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A transaction that reads one consistent snapshot without blocking writers.</summary>
    protected abstract ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken);

    public async Task UpsertAsync(IReadOnlyCollection<AlertSnapshot> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        if (alerts.Count == 0) return;
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (connection.CanCreateBatch)
        {
            // One round trip for the whole batch (PostgreSQL).
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var alert in alerts)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = _upsert;
                AlertIndexSql.Bind(alert, (name, value) => command.Parameters.Add(Parameter(command.CreateParameter(), name, value)));
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        else
        {
            // One prepared statement per row in one transaction (SQLite: a local file, no round trips).
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = _upsert;
            foreach (var alert in alerts)
            {
                command.Parameters.Clear();
                AlertIndexSql.Bind(alert, (name, value) => Add(command, name, value));
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<AlertPage> SearchAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenAsync(cancellationToken);
        // The page and the total in one read transaction, so they agree.
        await using var transaction = await BeginReadAsync(connection, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var where = AlertIndexSql.Where(query, (name, value) => Add(command, name, value));
        AlertIndexSql.BindPage(query, (name, value) => Add(command, name, value));
        command.CommandText = $"SELECT snapshot FROM {_table}{where} ORDER BY {AlertIndexSql.NewestFirst} LIMIT @q_limit OFFSET @q_offset;";
        var items = new List<AlertSnapshot>(Math.Min(query.PageSize, 1000));
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) items.Add(AlertIndexSql.Read(reader.GetString(0)));
        }
        command.CommandText = $"SELECT COUNT(*) FROM {_table}{where};";
        var total = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        await transaction.CommitAsync(cancellationToken);
        return new AlertPage(items, total, query.Page, query.PageSize);
    }

    public async Task<AlertSnapshot?> GetAsync(string alertId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT snapshot FROM {_table} WHERE id = @id;";
        Add(command, "id", alertId);
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? AlertIndexSql.Read(json) : null;
    }

    private static void Add(DbCommand command, string name, object? value) => command.Parameters.Add(Parameter(command.CreateParameter(), name, value));

    private static DbParameter Parameter(DbParameter parameter, string name, object? value)
    {
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        return parameter;
    }
}
