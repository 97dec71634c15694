using BkMonitor.Runtime.Diagnostics;
using BkMonitor.Runtime.Membership;
using BkMonitor.Runtime.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BkMonitor.Runtime.Hosting;

/// <summary>Registers a silo in a service collection (what <c>UseBkMonitorSilo</c> does, usable without a host).</summary>
public static class SiloServiceCollectionExtensions
{
    /// <summary>
    /// Adds the silo, its options (bound from <see cref="SiloOptions.SectionName"/>, validated), the grain
    /// factory, the call runtime, the silo ring, cluster management, the runtime health reporter and a hosted
    /// service running the silo lifecycle. Defaults (TimeProvider.System, in-process membership) apply only
    /// when nothing else was registered.
    /// </summary>
    public static IServiceCollection AddBkMonitorSilo(this IServiceCollection services, IConfiguration configuration, Action<ISiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configure);
        if (services.Any(d => d.ServiceType == typeof(Silo)))
        {
            throw new InvalidOperationException("A BkMonitor silo is already registered in this service collection.");
        }
        services.AddOptions<SiloOptions>().Bind(configuration.GetSection(SiloOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>();
        configure(new SiloBuilder(services, configuration));
        SiloBuilderExtensions.AddRuntimeDefaults(services);

        services.AddSingleton(sp =>
        {
            // Generated registrations run from module initializers, which only run once their assembly's
            // code runs: register every grain assembly the host can reach before the first call.
            GrainTypeRegistry.RegisterLoadedAssemblies();
            return new Silo(
            sp,
            sp.GetRequiredService<IOptions<SiloOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IMembershipOracle>(),
            sp.GetRequiredService<ISiloTransport>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance);
        });
        services.AddSingleton(sp => sp.GetRequiredService<Silo>().GrainFactory);
        services.TryAddSingleton(_ => new PrometheusExporter("BkMonitor"));
        services.AddSingleton<IGrainCallRuntime>(sp => sp.GetRequiredService<Silo>().CallRuntime);
        services.AddSingleton(sp => sp.GetRequiredService<Silo>().SiloRing);
        services.AddSingleton<IClusterManagement>(sp => new ClusterManagement(
            sp.GetRequiredService<Silo>(),
            sp.GetRequiredService<IMembershipOracle>(),
            sp.GetRequiredService<ISiloTransport>()));
        services.AddSingleton<IHealthReporter>(sp => new RuntimeHealthReporter(sp.GetRequiredService<Silo>(), sp.GetRequiredService<IMembershipOracle>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SiloHostedService>());
        return services;
    }
}
