using System.Diagnostics.Metrics;
using System.Globalization;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.TimeSeries;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Hosting;

/// <summary>Adds the alarm pipeline grains and their silo services.</summary>
public static class GrainsSiloBuilderExtensions
{
    /// <summary>
    /// Registers the built-in time-series store (or the shared one in <see cref="PipelineOptions.Store"/>), the
    /// Prometheus source, the ingest limits, the pipeline counters and the store compaction; settings come from
    /// the <c>BkMonitor:Pipeline</c> configuration section, then <paramref name="configure"/>.
    /// </summary>
    public static ISiloBuilder AddBkMonitorGrains(this ISiloBuilder silo, Action<PipelineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var options = ReadOptions(silo);
        configure?.Invoke(options);
        options.Validate();

        // Generated grain registrations run from module initializers: make sure both assemblies ran theirs.
        GrainTypeRegistry.RegisterAssemblies([typeof(IStrategyGrain).Assembly, typeof(GrainsSiloBuilderExtensions).Assembly]);

        var services = silo.Services;
        services.AddSingleton(options);
        services.AddSingleton(_ => options.Store ?? new TimeSeriesStore(options.Retention));
        services.AddSingleton(sp => new PipelineCounters(sp.GetService<IMeterFactory>()));
        services.AddSingleton<PipelineServices>();
        services.AddSingleton(sp => new StoreCompaction(
            sp.GetRequiredService<TimeSeriesStore>(), options, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<StoreCompaction>>()));
        services.AddSingleton<ISiloLifecycleParticipant>(sp => sp.GetRequiredService<StoreCompaction>());
        services.AddSingleton<IHealthReporter>(sp => sp.GetRequiredService<StoreCompaction>());
        silo.AddBkMonitorMetadata();
        silo.AddAlarmSecondHalf();
        return silo;
    }

    /// <summary>
    /// Section <c>BkMonitor:Pipeline</c> (Retention, CompactionInterval, PrometheusUrl), or the environment's
    /// <c>BKMONITOR_TIMESERIES_RETENTION</c> and <c>BKMONITOR_PROMETHEUS_URL</c>. A value that does not parse is an error.
    /// </summary>
    private static PipelineOptions ReadOptions(ISiloBuilder silo)
    {
        var configuration = silo.Configuration;
        var section = configuration.GetSection(PipelineOptions.SectionName);
        var options = new PipelineOptions { TimeZone = BusinessTimeZone.Read(configuration) };
        if ((ReadTimeSpan(section, "Retention") ?? ReadTimeSpan(configuration, "BKMONITOR_TIMESERIES_RETENTION")) is { } retention) options.Retention = retention;
        if (ReadTimeSpan(section, "CompactionInterval") is { } compaction) options.CompactionInterval = compaction;
        if ((section["PrometheusUrl"] ?? configuration["BKMONITOR_PROMETHEUS_URL"]) is { Length: > 0 } url)
        {
            options.PrometheusUrl = Uri.TryCreate(url, UriKind.Absolute, out var uri)
                ? uri
                : throw new InvalidOperationException($"The Prometheus URL '{url}' is not an absolute URL.");
        }
        return options;
    }

    private static TimeSpan? ReadTimeSpan(IConfiguration configuration, string key)
    {
        if (configuration[key] is not { Length: > 0 } text) return null;
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"Configuration '{key}' = '{text}' is not a time span such as 8.00:00:00 (8 days).");
    }
}
