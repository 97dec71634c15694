using System.Diagnostics.Metrics;

namespace BkMonitor.Runtime.Postgres;

/// <summary>The PostgreSQL providers' meter and instrument names, in one place.</summary>
internal static class PostgresInstruments
{
    public const string MeterName = "BkMonitor.Runtime.Postgres";
    public const string Retries = "bkmonitor.postgres.retries";

    public static readonly Meter Meter = new(MeterName);

    /// <summary>Writes retried after a lost connection; tag operation.</summary>
    public static readonly Counter<long> RetryCount = Meter.CreateCounter<long>(Retries, description: "PostgreSQL writes retried after a connection loss");
}
