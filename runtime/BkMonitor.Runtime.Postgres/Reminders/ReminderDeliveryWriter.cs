using Npgsql;
using NpgsqlTypes;

namespace BkMonitor.Runtime.Postgres.Reminders;

/// <summary>
/// Writes reminder deliveries (last_tick) in batches: 10,000 reminders on one period tick in one burst, and one
/// UPDATE per delivery would cost a round trip each. One batch is written at a time; deliveries that arrive
/// meanwhile form the next one, and every caller's task completes when its own batch is stored, or when the server
/// is unreachable: then the batch is kept (one entry per reminder, so memory stays bounded) and retried with backoff.
/// </summary>
internal sealed class ReminderDeliveryWriter(PostgresConnector connector, string table)
{
    private readonly Lock _lock = new();
    private Dictionary<(string GrainId, string Name), (long Version, DateTime Tick)> _pending = [];
    private TaskCompletionSource? _next;
    private bool _writing;

    public Task RecordAsync(string grainId, string reminderName, long version, DateTime tickTime)
    {
        lock (_lock)
        {
            // A later tick of the same reminder in the same batch supersedes the earlier one.
            _pending[(grainId, reminderName)] = (version, DateTime.SpecifyKind(tickTime, DateTimeKind.Utc));
            _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var stored = _next.Task;
            if (!_writing)
            {
                _writing = true;
                using (ExecutionContext.SuppressFlow())
                {
                    _ = Task.Run(WriteLoopAsync);
                }
            }
            return stored;
        }
    }

    private async Task WriteLoopAsync()
    {
        var failures = 0;
        while (true)
        {
            Dictionary<(string GrainId, string Name), (long Version, DateTime Tick)> batch;
            TaskCompletionSource done;
            lock (_lock)
            {
                if (_pending.Count == 0)
                {
                    _writing = false;
                    return;
                }
                (batch, _pending) = (_pending, []);
                done = _next!;
                _next = null;
            }
            try
            {
                await WriteAsync(batch);
                failures = 0;
                done.SetResult();
            }
            catch (Exception ex) when (ex is PostgresUnavailableException or NpgsqlException or TimeoutException or IOException)
            {
                // The reminders go on without the server: keep the batch (newer ticks win) and retry it with backoff.
                done.SetResult();
                lock (_lock)
                {
                    foreach (var (key, delivery) in batch)
                    {
                        _pending.TryAdd(key, delivery);
                    }
                }
                failures++;
                PostgresInstruments.RetryCount.Add(1, new KeyValuePair<string, object?>("operation", "reminder delivery"));
                await Task.Delay(Backoff(failures));
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        }
    }

    private static TimeSpan Backoff(int failures)
        => TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * (1 << Math.Min(failures - 1, 6))));

    private async Task WriteAsync(Dictionary<(string GrainId, string Name), (long Version, DateTime Tick)> batch)
    {
        var (grains, names, versions, ticks) = (new string[batch.Count], new string[batch.Count], new long[batch.Count], new DateTime[batch.Count]);
        var i = 0;
        foreach (var ((grain, name), (version, tick)) in batch)
        {
            (grains[i], names[i], versions[i], ticks[i]) = (grain, name, version, tick);
            i++;
        }
        await using var conn = await connector.OpenAsync();
        await using var cmd = new NpgsqlCommand($"""
            UPDATE {table} AS r SET last_tick = d.t
            FROM unnest(@g, @n, @v, @t) AS d(g, n, v, t)
            WHERE r.service_id = @s AND r.grain_id = d.g AND r.reminder_name = d.n AND r.version = d.v
            """, conn);
        cmd.Parameters.AddWithValue("s", connector.Options.ServiceId);
        cmd.Parameters.Add(new NpgsqlParameter("g", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = grains });
        cmd.Parameters.Add(new NpgsqlParameter("n", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = names });
        cmd.Parameters.Add(new NpgsqlParameter("v", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = versions });
        cmd.Parameters.Add(new NpgsqlParameter("t", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = ticks });
        await cmd.ExecuteNonQueryAsync();
    }
}
