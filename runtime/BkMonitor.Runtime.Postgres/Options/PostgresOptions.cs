namespace BkMonitor.Runtime.Postgres;

/// <summary>Connection and naming for the PostgreSQL providers.</summary>
public sealed class PostgresOptions
{
    public string ConnectionString { get; set; } = "";

    /// <summary>Separates deployments sharing one database (Orleans' ServiceId).</summary>
    public string ServiceId { get; set; } = "bkmonitor";

    /// <summary>Schema holding the tables; created when missing.</summary>
    public string Schema { get; set; } = "public";

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("PostgreSQL ConnectionString is required (e.g. Host=127.0.0.1;Port=5432;Username=...;Password=...;Database=...).");
        }
        if (string.IsNullOrWhiteSpace(ServiceId) || ServiceId.Length > 150)
        {
            throw new ArgumentException("ServiceId must have 1..150 characters.");
        }
        if (!System.Text.RegularExpressions.Regex.IsMatch(Schema, "^[a-z_][a-z0-9_]{0,62}$"))
        {
            throw new ArgumentException($"Schema '{Schema}' must be a lower-case SQL identifier.");
        }
    }
}
