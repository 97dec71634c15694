using BkMonitor.Grains.Alerts;
using BkMonitor.Runtime.Hosting;
using BkMonitor.Silo.Alerts;

namespace BkMonitor.Silo.Hosting;

/// <summary>Chooses the store behind the silo's alert index writer (the writer creates its schema when the silo starts).</summary>
public static class AlertIndexSiloBuilderExtensions
{
    /// <summary>The embedded alert index: table <c>alert_index</c> in the SQLite file <paramref name="databasePath"/>.</summary>
    public static ISiloBuilder AddSqliteAlertIndex(this ISiloBuilder silo, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSingleton<IAlertIndex>(_ => new SqliteAlertIndex(databasePath));
        return silo;
    }

    /// <summary>The cluster's alert index: table <c>bkm_alert_index</c> in PostgreSQL, shared by every silo.</summary>
    public static ISiloBuilder AddPostgresAlertIndex(this ISiloBuilder silo, string connectionString, string schema = "public")
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSingleton<IAlertIndex>(_ => new PostgresAlertIndex(connectionString, schema));
        return silo;
    }
}
