using System.Diagnostics.Metrics;
using BkMonitor.GrainInterfaces.Strategies;
using BkMonitor.Grains.TimeSeries;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Hosting;
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

    private static PipelineOptions ReadOptions(ISiloBuilder silo)
    {
        var section = silo.Configuration.GetSection(PipelineOptions.SectionName);
        var options = new PipelineOptions();
        if (TimeSpan.TryParse(section["Retention"], System.Globalization.CultureInfo.InvariantCulture, out var retention)) options.Retention = retention;
        if (TimeSpan.TryParse(section["CompactionInterval"], System.Globalization.CultureInfo.InvariantCulture, out var compaction)) options.CompactionInterval = compaction;
        if (section["PrometheusUrl"] is { Length: > 0 } url) options.PrometheusUrl = new Uri(url, UriKind.RelativeOrAbsolute);
        return options;
    }
}
