using BkMonitor.Runtime.Hosting;
using BkMonitor.Runtime.Postgres.Health;
using BkMonitor.Runtime.Postgres.Reminders;
using BkMonitor.Runtime.Reminders;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.Runtime.Postgres.Hosting;

/// <summary>Registers the PostgreSQL providers on a silo.</summary>
public static class PostgresSiloBuilderExtensions
{
    // Below the 5 s the health endpoint gives each reporter, so a hung server reads "no answer", not a timeout.
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(4);

    /// <summary>
    /// The reminder service over the PostgreSQL reminder table. The schema is created when the reminder service
    /// starts; an unreachable server fails the silo start with a <see cref="PostgresUnavailableException"/> naming it.
    /// Adds the <c>postgres</c> health check.
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
        silo.Services.AddSingleton<IHealthReporter>(sp => new PostgresHealthReporter(sp.GetRequiredService<PostgresConnector>(), HealthTimeout));
        return silo.UseReminderService(sp => sp.GetRequiredService<PostgresReminderTable>(), reminders);
    }
}
