using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Postgres.Reminders;
using BkMonitor.Runtime.Reminders;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.Runtime.Postgres.Hosting;

/// <summary>Registers the PostgreSQL providers on a silo.</summary>
public static class PostgresSiloBuilderExtensions
{
    /// <summary>
    /// The reminder service over the PostgreSQL reminder table. The schema is created when the reminder service
    /// starts; an unreachable server fails the silo start with a <see cref="PostgresUnavailableException"/> naming it.
    /// </summary>
    public static ISiloBuilder UsePostgresReminderService(this ISiloBuilder silo, Action<PostgresOptions> configure, Action<ReminderOptions>? reminders = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new PostgresOptions();
        configure(options);
        options.Validate();
        silo.Services.AddSingleton(_ => new PostgresConnector(options));
        silo.Services.AddSingleton(sp => new PostgresReminderTable(sp.GetRequiredService<PostgresConnector>()));
        return silo.UseReminderService(sp => sp.GetRequiredService<PostgresReminderTable>(), reminders);
    }
}
