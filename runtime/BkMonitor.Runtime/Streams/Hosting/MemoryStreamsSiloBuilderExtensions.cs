using System.Diagnostics.Metrics;
using BkMonitor.Runtime.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Runtime.Hosting;

/// <summary>Adds the in-memory stream provider to a silo.</summary>
public static class MemoryStreamsSiloBuilderExtensions
{
    /// <summary>An in-memory stream provider registered as keyed <see cref="IStreamProvider"/> under <paramref name="name"/>.</summary>
    public static ISiloBuilder AddMemoryStreams(this ISiloBuilder silo, string name = ProviderNames.DefaultStreams, Action<MemoryStreamOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.TryAddKeyedSingleton(name, (_, _) => new StreamSubscriptionRegistry());
        return silo.AddMemoryStreams(name, sp => sp.GetRequiredKeyedService<StreamSubscriptionRegistry>(name), configure);
    }

    /// <summary>Shares one subscription registry between the silos of an in-process cluster, so explicit subscriptions are cluster-wide.</summary>
    internal static ISiloBuilder AddMemoryStreams(this ISiloBuilder silo, string name, StreamSubscriptionRegistry sharedSubscriptions, Action<MemoryStreamOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(sharedSubscriptions);
        return silo.AddMemoryStreams(name, _ => sharedSubscriptions, configure);
    }

    private static ISiloBuilder AddMemoryStreams(this ISiloBuilder silo, string name, Func<IServiceProvider, StreamSubscriptionRegistry> subscriptions, Action<MemoryStreamOptions>? configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = new MemoryStreamOptions();
        configure?.Invoke(options);
        options.Validate(name);
        var services = silo.Services;
        services.AddKeyedSingleton(name, (sp, _) => new MemoryStreamProvider(
            name,
            options,
            subscriptions(sp),
            sp.GetRequiredService<IGrainCallRuntime>,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<MemoryStreamProvider>>(),
            sp.GetService<IMeterFactory>()));
        services.AddKeyedSingleton<IStreamProvider>(name, (sp, key) => sp.GetRequiredKeyedService<MemoryStreamProvider>(key));
        services.AddSingleton<ISiloLifecycleParticipant>(sp => sp.GetRequiredKeyedService<MemoryStreamProvider>(name));
        services.AddSingleton<IHealthReporter>(sp => sp.GetRequiredKeyedService<MemoryStreamProvider>(name));
        return silo;
    }
}
