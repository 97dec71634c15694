using BkMonitor.Grains.Hosting;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;

namespace BkMonitor.Silo.Hosting;

/// <summary>
/// Configures the embedded default: a single silo whose grain state, reminders and alert index live in one SQLite file
/// in the data directory and whose streams are in-memory queues. No server to install.
/// </summary>
public static class EmbeddedSiloExtensions
{
    public const string DatabaseFileName = "bkmonitor.db";

    public static WebApplicationBuilder AddEmbeddedSilo(this WebApplicationBuilder builder)
    {
        var dataDirectory = builder.Configuration["BKMONITOR_DATA_DIR"] is { Length: > 0 } dir ? dir : "./data";
        Directory.CreateDirectory(dataDirectory);
        var database = Path.GetFullPath(Path.Combine(dataDirectory, DatabaseFileName));
        // BKMONITOR_SILO__X arrives as SILO:X once the prefix is stripped (the silo's name and advertised address).
        builder.Services.Configure<SiloOptions>(builder.Configuration.GetSection("SILO"));
        builder.UseBkMonitorSilo(silo => silo
            .AddSqliteGrainStorage(ProviderNames.DefaultStorage, database)
            .UseSqliteReminderService(database)
            .AddSqliteAlertIndex(database)
            .AddMemoryStreams(ProviderNames.DefaultStreams)
            .AddBkMonitorGrains());
        // Ctrl-C: give the silo time to deactivate every activation and flush state before the process exits.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder;
    }
}
