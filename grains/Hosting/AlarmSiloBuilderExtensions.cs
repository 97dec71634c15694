using System.Diagnostics.Metrics;
using BkMonitor.Grains.Alerts;
using BkMonitor.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Hosting;

/// <summary>Adds the services of the alarm second half (alerts, actions) to a silo.</summary>
public static class AlarmSiloBuilderExtensions
{
    /// <summary>
    /// Registers the alert index writer (over <see cref="AlarmOptions.Index"/>, else the registered <see cref="IAlertIndex"/>,
    /// else an in-memory index), alert id blocks, QoS counter and webhook sender; <paramref name="configure"/> adjusts
    /// <see cref="AlarmOptions"/>. Only the first call counts, so a host may configure it before
    /// <see cref="GrainsSiloBuilderExtensions.AddBkMonitorGrains"/> adds it with the defaults.
    /// </summary>
    public static ISiloBuilder AddAlarmSecondHalf(this ISiloBuilder silo, Action<AlarmOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (silo.Services.Any(d => d.ServiceType == typeof(AlarmOptions))) return silo;
        var options = new AlarmOptions { TimeZone = BusinessTimeZone.Read(silo.Configuration) };
        var section = silo.Configuration.GetSection(AlarmOptions.SectionName);
        if (section["ExternalUrl"] is { Length: > 0 } url) options.ExternalUrl = url;
        AlarmChannelSettings.Apply(section, options);
        configure?.Invoke(options);
        silo.Services.AddSingleton(options);
        silo.Services.AddSingleton(sp => new AlertIndexWriter(
            options.Index ?? sp.GetService<IAlertIndex>() ?? new InMemoryAlertIndex(), options.IndexWriter,
            sp.GetRequiredService<ILogger<AlertIndexWriter>>(), sp.GetService<IMeterFactory>()));
        silo.Services.AddSingleton<ISiloLifecycleParticipant>(sp => sp.GetRequiredService<AlertIndexWriter>());
        silo.Services.AddSingleton<IHealthReporter>(sp => new AlertIndexHealth(sp.GetRequiredService<AlertIndexWriter>()));
        silo.Services.AddSingleton<AlarmServices>();
        return silo;
    }
}
