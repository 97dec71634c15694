using System.Diagnostics;
using BkMonitor.Runtime.Hosting;
using Npgsql;

namespace BkMonitor.Runtime.Postgres.Health;

/// <summary>
/// Runs <c>SELECT 1</c> on the PostgreSQL database the silo uses (reminders; in cluster mode the alert index too):
/// failing when it does not answer within the timeout, degraded when the round trip is slow.
/// </summary>
internal sealed class PostgresHealthReporter(PostgresConnector connector, TimeSpan timeout) : IHealthReporter
{
    /// <summary>A round trip slower than this marks the database degraded (as for Redis).</summary>
    public static readonly TimeSpan SlowQuery = TimeSpan.FromMilliseconds(100);

    public string Namespace => "postgres";

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var connection = await connector.OpenAsync(limit.Token);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(limit.Token);
        }
        catch (Exception ex) when (ex is PostgresUnavailableException or NpgsqlException or TimeoutException
            || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var reason = ex is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0.#} s" : ex.Message;
            return new HealthReport(Namespace, HealthReport.Failing, $"{connector.Endpoint}: {reason}", [new HealthMetric("up", 0)]);
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        PostgresInstruments.QueryDuration.Record(elapsed.TotalMilliseconds);
        return new HealthReport(Namespace, elapsed > SlowQuery ? HealthReport.Degraded : HealthReport.Ok, $"{connector.Endpoint} answers",
            [new HealthMetric("query_ms", elapsed.TotalMilliseconds, "ms")]);
    }
}
