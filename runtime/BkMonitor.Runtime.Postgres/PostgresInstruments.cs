using System.Diagnostics.Metrics;

namespace BkMonitor.Runtime.Postgres;

/// <summary>The PostgreSQL providers' meter and instrument names, in one place.</summary>
internal static class PostgresInstruments
{
    public const string MeterName = "BkMonitor.Runtime.Postgres";
    public const string Retries = "bkmonitor.postgres.retries";
    public const string HealthQuery = "bkmonitor.postgres.health_query.duration";

    public static readonly Meter Meter = new(MeterName);

    /// <summary>Writes retried after a lost connection; tag operation.</summary>
    public static readonly Counter<long> RetryCount = Meter.CreateCounter<long>(Retries, description: "PostgreSQL writes retried after a connection loss");

    /// <summary>Round trip of the health check's <c>SELECT 1</c>, recorded when <c>/healthz</c> runs.</summary>
    public static readonly Histogram<double> QueryDuration = Meter.CreateHistogram<double>(HealthQuery, unit: "ms", description: "PostgreSQL health query round trip");
}
