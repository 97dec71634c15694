using BkMonitor.Runtime.Reminders;
using BkMonitor.Runtime.Sqlite.Reminders;
using BkMonitor.Runtime.Sqlite.Storage;
using BkMonitor.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.Runtime.Hosting;

/// <summary>Adds the embedded SQLite providers (grain storage, reminders) to a silo.</summary>
public static class SqliteSiloBuilderExtensions
{
    /// <summary>Grain storage named <paramref name="name"/> in the SQLite file <paramref name="databasePath"/> (created with its folder on start).</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder silo, string name, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        silo.Services.AddGrainStorage(name, "sqlite", sp => new SqliteGrainStorage(name, databasePath, sp.GetRequiredService<IGrainStateSerializer>()));
        return silo;
    }

    /// <summary>Durable reminders in the SQLite file <paramref name="databasePath"/>; they survive a restart of the process.</summary>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder silo, string databasePath, Action<ReminderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var options = new ReminderOptions();
        configure?.Invoke(options);
        var table = new SqliteReminderTable(databasePath, options.ServiceId);
        return silo.UseReminderService(_ => table, configure);
    }
}
