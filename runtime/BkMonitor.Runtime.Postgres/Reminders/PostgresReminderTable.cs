using BkMonitor.Runtime.Reminders;
using Npgsql;
using NpgsqlTypes;

namespace BkMonitor.Runtime.Postgres.Reminders;

/// <summary>
/// Reminder rows in the shape of Orleans' ADO.NET reminder table (service id, grain id, reminder name,
/// start time, period, grain hash, version). The version is the ETag: every upsert bumps it, and a
/// remove only succeeds for the version the caller read.
/// </summary>
internal sealed class PostgresReminderTable : IReminderTable, IReminderDeliveryLog
{
    private readonly PostgresConnector _connector;
    private readonly ReminderDeliveryWriter _deliveries;

    public PostgresReminderTable(PostgresConnector connector)
    {
        _connector = connector;
        _deliveries = new ReminderDeliveryWriter(connector, Table);
    }

    private string Table => $"{_connector.Options.Schema}.bkm_reminders";

    public async Task InitAsync(CancellationToken cancellationToken)
    {
        await using var conn = await _connector.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand($"""
            CREATE SCHEMA IF NOT EXISTS {_connector.Options.Schema};
            CREATE TABLE IF NOT EXISTS {Table} (
                service_id    varchar(150) NOT NULL,
                grain_id      varchar(300) NOT NULL,
                reminder_name varchar(150) NOT NULL,
                start_time    timestamptz  NOT NULL,
                period_ms     bigint       NOT NULL,
                grain_hash    bigint       NOT NULL,
                version       bigint       NOT NULL,
                PRIMARY KEY (service_id, grain_id, reminder_name)
            );
            CREATE INDEX IF NOT EXISTS bkm_reminders_hash ON {Table} (service_id, grain_hash);
            ALTER TABLE {Table} ADD COLUMN IF NOT EXISTS last_tick timestamptz NULL;
            """, conn);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId)
    {
        await using var conn = await _connector.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT grain_id, reminder_name, start_time, period_ms, version FROM {Table} WHERE service_id = @s AND grain_id = @g", conn);
        cmd.Parameters.AddWithValue("s", _connector.Options.ServiceId);
        cmd.Parameters.AddWithValue("g", grainId.ToString());
        return await ReadEntriesAsync(cmd);
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(uint begin, uint end)
    {
        var rows = await ReadRowsWithDeliveriesAsync(begin, end);
        var result = new List<ReminderEntry>(rows.Count);
        foreach (var row in rows)
        {
            result.Add(row.Entry);
        }
        return result;
    }

    public async Task<IReadOnlyList<ReminderRow>> ReadRowsWithDeliveriesAsync(uint begin, uint end)
    {
        // (begin, end] on the ring; begin >= end wraps past uint.MaxValue.
        var predicate = begin < end ? "grain_hash > @b AND grain_hash <= @e" : "(grain_hash > @b OR grain_hash <= @e)";
        await using var conn = await _connector.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            $"SELECT grain_id, reminder_name, start_time, period_ms, version, last_tick FROM {Table} WHERE service_id = @s AND {predicate}", conn);
        cmd.Parameters.AddWithValue("s", _connector.Options.ServiceId);
        cmd.Parameters.AddWithValue("b", (long)begin);
        cmd.Parameters.AddWithValue("e", (long)end);
        var result = new List<ReminderRow>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            DateTime? lastTick = reader.IsDBNull(5) ? null : DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc);
            result.Add(new ReminderRow(ReadEntry(reader), lastTick));
        }
        return result;
    }

    /// <summary>Only the version the service delivered counts: an upsert in between resets the log. Batched with concurrent deliveries.</summary>
    public async Task RecordDeliveryAsync(GrainId grainId, string reminderName, string eTag, DateTime tickTime)
    {
        if (!long.TryParse(eTag, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            return;
        }
        await _deliveries.RecordAsync(grainId.ToString(), reminderName, version, tickTime);
    }

    public async Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName)
    {
        await using var conn = await _connector.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT grain_id, reminder_name, start_time, period_ms, version FROM {Table} WHERE service_id = @s AND grain_id = @g AND reminder_name = @n", conn);
        cmd.Parameters.AddWithValue("s", _connector.Options.ServiceId);
        cmd.Parameters.AddWithValue("g", grainId.ToString());
        cmd.Parameters.AddWithValue("n", reminderName);
        var rows = await ReadEntriesAsync(cmd);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<string> UpsertRowAsync(ReminderEntry entry)
    {
        await using var conn = await _connector.OpenAsync();
        await using var cmd = new NpgsqlCommand($"""
            INSERT INTO {Table} AS r (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
            VALUES (@s, @g, @n, @t, @p, @h, 1)
            ON CONFLICT (service_id, grain_id, reminder_name)
            DO UPDATE SET start_time = EXCLUDED.start_time, period_ms = EXCLUDED.period_ms, version = r.version + 1, last_tick = NULL
            RETURNING version
            """, conn);
        cmd.Parameters.AddWithValue("s", _connector.Options.ServiceId);
        cmd.Parameters.AddWithValue("g", entry.GrainId.ToString());
        cmd.Parameters.AddWithValue("n", entry.ReminderName);
        cmd.Parameters.Add(new NpgsqlParameter("t", NpgsqlDbType.TimestampTz) { Value = DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc) });
        cmd.Parameters.AddWithValue("p", (long)entry.Period.TotalMilliseconds);
        cmd.Parameters.AddWithValue("h", (long)entry.GrainHash);
        var version = (long)(await cmd.ExecuteScalarAsync())!;
        return version.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag)
    {
        if (!long.TryParse(eTag, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }
        await using var conn = await _connector.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DELETE FROM {Table} WHERE service_id = @s AND grain_id = @g AND reminder_name = @n AND version = @v", conn);
        cmd.Parameters.AddWithValue("s", _connector.Options.ServiceId);
        cmd.Parameters.AddWithValue("g", grainId.ToString());
        cmd.Parameters.AddWithValue("n", reminderName);
        cmd.Parameters.AddWithValue("v", version);
        return await cmd.ExecuteNonQueryAsync() == 1;
    }

    private static async Task<IReadOnlyList<ReminderEntry>> ReadEntriesAsync(NpgsqlCommand cmd)
    {
        var result = new List<ReminderEntry>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(ReadEntry(reader));
        }
        return result;
    }

    private static ReminderEntry ReadEntry(NpgsqlDataReader reader) => new()
    {
        GrainId = GrainId.Parse(reader.GetString(0)),
        ReminderName = reader.GetString(1),
        StartAt = DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc),
        Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
        ETag = reader.GetInt64(4).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
