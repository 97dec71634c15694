using System.Globalization;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Storage;
using Microsoft.Data.Sqlite;

namespace BkMonitor.Runtime.Sqlite.Storage;

/// <summary>
/// Grain storage in one SQLite file: a row per (state name, grain type, grain key), ETag = integer version.
/// Each write and clear is one conditional statement, so the compare-and-set is atomic. A clear keeps the
/// row as a tombstone (payload NULL, version bumped) so a version number is never handed out twice.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage, IHealthReporter, ISiloLifecycleParticipant
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS grain_state (
            state_name TEXT NOT NULL,
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            version INTEGER NOT NULL,
            payload BLOB NULL,
            PRIMARY KEY (state_name, grain_type, grain_key)
        ) WITHOUT ROWID;
        """;

    private const string Where = "state_name = $state AND grain_type = $type AND grain_key = $key";

    private const string ReadSql = $"SELECT version, payload FROM grain_state WHERE {Where} AND payload IS NOT NULL;";

    private const string CurrentVersionSql = $"SELECT version FROM grain_state WHERE {Where} AND payload IS NOT NULL;";

    // An insert, or the revival of a tombstone; an existing live row makes the WHERE false and nothing is returned.
    private const string InsertSql = """
        INSERT INTO grain_state (state_name, grain_type, grain_key, version, payload) VALUES ($state, $type, $key, 1, $payload)
        ON CONFLICT (state_name, grain_type, grain_key) DO UPDATE SET version = grain_state.version + 1, payload = excluded.payload
        WHERE grain_state.payload IS NULL
        RETURNING version;
        """;

    private const string UpdateSql = $"UPDATE grain_state SET version = version + 1, payload = $payload WHERE {Where} AND version = $version AND payload IS NOT NULL RETURNING version;";

    private const string ClearSql = $"UPDATE grain_state SET version = version + 1, payload = NULL WHERE {Where} AND version = $version AND payload IS NOT NULL RETURNING version;";

    private readonly string _name;
    private readonly IGrainStateSerializer _serializer;
    private readonly SqliteDatabase _database;

    public SqliteGrainStorage(string name, string databasePath, IGrainStateSerializer serializer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(serializer);
        _name = name;
        _serializer = serializer;
        _database = new SqliteDatabase(databasePath);
    }

    public string Name => _name;

    public string DatabasePath => _database.FullPath;

    public string Namespace => $"storage:{_name}";

    public int Stage => SiloStages.Storage;

    public Task StartAsync(CancellationToken cancellationToken) => _database.EnsureSchemaAsync(Schema, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, ReadSql, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            var version = reader.GetInt64(0);
            grainState.State = _serializer.Deserialize<TState>(reader.GetFieldValue<byte[]>(1));
            grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        var payload = _serializer.Serialize(grainState.State);
        var expected = grainState.ETag;
        await using var connection = await OpenAsync();
        long? version;
        if (expected is null)
        {
            await using var insert = Command(connection, InsertSql, stateName, grainId);
            insert.Parameters.AddWithValue("$payload", payload);
            version = (long?)await insert.ExecuteScalarAsync();
        }
        else
        {
            version = TryParseVersion(expected, out var v) ? await ConditionalAsync(connection, UpdateSql, stateName, grainId, v, payload) : null;
        }
        if (version is null)
        {
            throw await ConflictAsync(connection, "Write", stateName, grainId, expected);
        }
        grainState.ETag = version.Value.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState)
    {
        var expected = grainState.ETag;
        await using var connection = await OpenAsync();
        bool cleared;
        if (expected is null)
        {
            cleared = await CurrentVersionAsync(connection, stateName, grainId) is null;
        }
        else
        {
            cleared = TryParseVersion(expected, out var v) && await ConditionalAsync(connection, ClearSql, stateName, grainId, v, null) is not null;
        }
        if (!cleared)
        {
            throw await ConflictAsync(connection, "Clear", stateName, grainId, expected);
        }
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        await _database.EnsureSchemaAsync(Schema, cancellationToken);
        return await _database.CheckAsync(Namespace, "SELECT count(*) FROM grain_state WHERE payload IS NOT NULL;", "records", cancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        await _database.EnsureSchemaAsync(Schema);
        return await _database.OpenAsync();
    }

    private static async Task<long?> ConditionalAsync(SqliteConnection connection, string sql, string stateName, GrainId grainId, long version, byte[]? payload)
    {
        await using var command = Command(connection, sql, stateName, grainId);
        command.Parameters.AddWithValue("$version", version);
        if (payload is not null)
        {
            command.Parameters.AddWithValue("$payload", payload);
        }
        return (long?)await command.ExecuteScalarAsync();
    }

    private static async Task<long?> CurrentVersionAsync(SqliteConnection connection, string stateName, GrainId grainId)
    {
        await using var command = Command(connection, CurrentVersionSql, stateName, grainId);
        return (long?)await command.ExecuteScalarAsync();
    }

    private async Task<InconsistentStateException> ConflictAsync(SqliteConnection connection, string operation, string stateName, GrainId grainId, string? expected)
    {
        var stored = await CurrentVersionAsync(connection, stateName, grainId);
        return StorageConflict.Create(_name, operation, stateName, grainId, stored?.ToString(CultureInfo.InvariantCulture), expected);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, string stateName, GrainId grainId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$type", grainId.Type);
        command.Parameters.AddWithValue("$key", grainId.Key);
        return command;
    }

    // An ETag this provider did not issue can never match a stored version.
    private static bool TryParseVersion(string etag, out long version)
        => long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out version);
}
