using System.Globalization;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Reminders;
using Microsoft.Data.Sqlite;

namespace BkMonitor.Runtime.Sqlite.Reminders;

/// <summary>
/// Reminder table in one SQLite file, in the shape of Orleans' ADO.NET reminder table (service id, grain id,
/// reminder name, start time, period, grain hash, version). Versions come from a per-service counter so an
/// ETag is never reused after a remove; times and periods are stored as .NET ticks (UTC) to keep them exact.
/// </summary>
public sealed class SqliteReminderTable : IReminderTable, IReminderDeliveryLog, IHealthReporter
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS reminders (
            service_id TEXT NOT NULL,
            grain_id TEXT NOT NULL,
            reminder_name TEXT NOT NULL,
            start_time INTEGER NOT NULL,
            period INTEGER NOT NULL,
            grain_hash INTEGER NOT NULL,
            version INTEGER NOT NULL,
            last_tick INTEGER NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_reminders_hash ON reminders (service_id, grain_hash);
        CREATE TABLE IF NOT EXISTS reminder_versions (
            service_id TEXT NOT NULL PRIMARY KEY,
            last_version INTEGER NOT NULL
        );
        """;

    private const string Columns = "grain_id, reminder_name, start_time, period, version, last_tick";

    private const string UpsertSql = """
        INSERT INTO reminder_versions (service_id, last_version) VALUES ($service, 1)
        ON CONFLICT (service_id) DO UPDATE SET last_version = last_version + 1;
        INSERT INTO reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version, last_tick)
        VALUES ($service, $grain, $name, $start, $period, $hash, (SELECT last_version FROM reminder_versions WHERE service_id = $service), NULL)
        ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
            start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
            version = excluded.version, last_tick = NULL
        RETURNING version;
        """;

    private readonly SqliteDatabase _database;
    private readonly string _serviceId;

    public SqliteReminderTable(string databasePath, string serviceId = "default")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        _database = new SqliteDatabase(databasePath);
        _serviceId = serviceId;
    }

    public string DatabasePath => _database.FullPath;

    public string Namespace => "reminders:sqlite";

    public Task InitAsync(CancellationToken cancellationToken) => _database.EnsureSchemaAsync(Schema, cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId)
        => QueryEntriesAsync($"SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_id = $grain;", c => c.Parameters.AddWithValue("$grain", grainId.ToString()));

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(uint begin, uint end)
        => QueryEntriesAsync(RangeSql(begin, end), c => AddRange(c, begin, end));

    public async Task<IReadOnlyList<ReminderRow>> ReadRowsWithDeliveriesAsync(uint begin, uint end)
    {
        var rows = new List<ReminderRow>();
        await QueryAsync(RangeSql(begin, end), c => AddRange(c, begin, end), rows.Add);
        return rows;
    }

    public async Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName)
    {
        ReminderEntry? found = null;
        await QueryAsync(
            $"SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name;",
            c =>
            {
                c.Parameters.AddWithValue("$grain", grainId.ToString());
                c.Parameters.AddWithValue("$name", reminderName);
            },
            row => found = row.Entry);
        return found;
    }

    public async Task<string> UpsertRowAsync(ReminderEntry entry)
    {
        ReminderEntryValidation.Validate(entry);
        await using var connection = await OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using var command = Command(connection, UpsertSql);
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$grain", entry.GrainId.ToString());
        command.Parameters.AddWithValue("$name", entry.ReminderName);
        command.Parameters.AddWithValue("$start", DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc).Ticks);
        command.Parameters.AddWithValue("$period", entry.Period.Ticks);
        command.Parameters.AddWithValue("$hash", (long)entry.GrainHash);
        var version = (long)(await command.ExecuteScalarAsync())!;
        await transaction.CommitAsync();
        return version.ToString(CultureInfo.InvariantCulture);
    }

    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag)
        => ConditionalAsync("DELETE FROM reminders", "", grainId, reminderName, eTag, null);

    public Task RecordDeliveryAsync(GrainId grainId, string reminderName, string eTag, DateTime tickTime)
        => ConditionalAsync("UPDATE reminders", "SET last_tick = $tick", grainId, reminderName, eTag, DateTime.SpecifyKind(tickTime, DateTimeKind.Utc).Ticks);

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        await _database.EnsureSchemaAsync(Schema, cancellationToken);
        return await _database.CheckAsync(Namespace, "SELECT count(*) FROM reminders;", "reminders", cancellationToken);
    }

    private async Task<bool> ConditionalAsync(string verb, string set, GrainId grainId, string reminderName, string eTag, long? tick)
    {
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }
        await using var connection = await OpenAsync();
        await using var command = Command(connection, $"{verb} {set} WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name AND version = $version;");
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$name", reminderName);
        command.Parameters.AddWithValue("$version", version);
        if (tick is not null)
        {
            command.Parameters.AddWithValue("$tick", tick.Value);
        }
        return await command.ExecuteNonQueryAsync() == 1;
    }

    private static string RangeSql(uint begin, uint end)
        => $"SELECT {Columns} FROM reminders WHERE service_id = $service AND "
            + (begin < end ? "grain_hash > $begin AND grain_hash <= $end;" : "(grain_hash > $begin OR grain_hash <= $end);");

    private static void AddRange(SqliteCommand command, uint begin, uint end)
    {
        command.Parameters.AddWithValue("$begin", (long)begin);
        command.Parameters.AddWithValue("$end", (long)end);
    }

    private async Task<IReadOnlyList<ReminderEntry>> QueryEntriesAsync(string sql, Action<SqliteCommand> bind)
    {
        var entries = new List<ReminderEntry>();
        await QueryAsync(sql, bind, row => entries.Add(row.Entry));
        return entries;
    }

    private async Task QueryAsync(string sql, Action<SqliteCommand> bind, Action<ReminderRow> onRow)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var entry = new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
            };
            onRow(new ReminderRow(entry, reader.IsDBNull(5) ? null : new DateTime(reader.GetInt64(5), DateTimeKind.Utc)));
        }
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        await _database.EnsureSchemaAsync(Schema);
        return await _database.OpenAsync();
    }

    private SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$service", _serviceId);
        return command;
    }
}
