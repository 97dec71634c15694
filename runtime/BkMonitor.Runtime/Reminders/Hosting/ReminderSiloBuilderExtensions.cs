using System.Diagnostics.Metrics;
using BkMonitor.Runtime.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Runtime.Hosting;

/// <summary>Adds the reminder service with a reminder table to a silo.</summary>
public static class ReminderSiloBuilderExtensions
{
    /// <summary>Reminders kept in memory (lost on restart); the silos of one service provider share the table.</summary>
    public static ISiloBuilder UseInMemoryReminderService(this ISiloBuilder silo, Action<ReminderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.TryAddSingleton<InMemoryReminderTable>();
        return silo.UseReminderService(sp => sp.GetRequiredService<InMemoryReminderTable>(), configure);
    }

    /// <summary>Reminders in one shared <see cref="InMemoryReminderTable"/>, so all silos of an in-process cluster see the same rows.</summary>
    public static ISiloBuilder UseInMemoryReminderService(this ISiloBuilder silo, InMemoryReminderTable sharedTable, Action<ReminderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(sharedTable);
        return silo.UseReminderService(_ => sharedTable, configure);
    }

    /// <summary>The reminder service over a table type resolved from DI (e.g. the PostgreSQL table).</summary>
    public static ISiloBuilder UseReminderService<TTable>(this ISiloBuilder silo, Action<ReminderOptions>? configure = null)
        where TTable : class, IReminderTable
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.TryAddSingleton<TTable>();
        return silo.UseReminderService(sp => sp.GetRequiredService<TTable>(), configure);
    }

    /// <summary>The reminder service over a table built by <paramref name="tableFactory"/>; replaces an earlier reminder configuration.</summary>
    public static ISiloBuilder UseReminderService(this ISiloBuilder silo, Func<IServiceProvider, IReminderTable> tableFactory, Action<ReminderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(tableFactory);
        var options = new ReminderOptions();
        configure?.Invoke(options);
        var services = silo.Services;
        services.RemoveAll<IReminderTable>();
        services.RemoveAll<LocalReminderService>();
        services.RemoveAll<IReminderRegistry>();
        services.AddSingleton(tableFactory);
        services.AddSingleton(sp => new LocalReminderService(
            sp.GetRequiredService<IReminderTable>(),
            sp.GetRequiredService<ISiloRing>(),
            sp.GetRequiredService<IGrainCallRuntime>,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            options,
            sp.GetRequiredService<ILogger<LocalReminderService>>(),
            sp.GetService<IMeterFactory>())
        {
            // An owner silo in this process reloads a newly registered reminder at once instead of at its next refresh.
            OwnerInProcess = owner => sp.GetService<Messaging.ISiloTransport>()?.FindInProcess(owner)?.Services.GetService<LocalReminderService>(),
        });
        services.AddSingleton<IReminderRegistry>(sp => sp.GetRequiredService<LocalReminderService>());
        // Lifecycle and health forward to whichever service is registered last, and are added only once.
        if (!services.Any(d => d.ServiceType == typeof(ReminderServiceForwarding)))
        {
            services.AddSingleton<ReminderServiceForwarding>();
            services.AddSingleton<ISiloLifecycleParticipant>(sp => sp.GetRequiredService<LocalReminderService>());
            services.AddSingleton<IHealthReporter>(sp => sp.GetRequiredService<LocalReminderService>());
        }
        return silo;
    }
}

/// <summary>Marks that the reminder service's lifecycle and health registrations exist.</summary>
internal sealed class ReminderServiceForwarding;
