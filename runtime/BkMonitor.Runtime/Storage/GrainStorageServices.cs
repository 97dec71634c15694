using BkMonitor.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BkMonitor.Runtime.Storage;

/// <summary>The registration every grain storage provider shares: keyed storage, the state factory and serializer once, health and lifecycle when the provider has them.</summary>
internal static class GrainStorageServices
{
    public static IServiceCollection AddGrainStorage<TStorage>(this IServiceCollection services, string name, string kind, Func<IServiceProvider, TStorage> factory)
        where TStorage : class, IGrainStorage
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        services.AddKeyedSingleton<TStorage>(name, (sp, _) => factory(sp));
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) => sp.GetRequiredKeyedService<TStorage>(key));
        services.AddSingleton(new GrainStorageRegistration(name, kind));
        services.TryAddSingleton<IPersistentStateFactory, PersistentStateFactory>();
        services.TryAddSingleton<IGrainStateSerializer, JsonGrainStateSerializer>();
        if (typeof(IHealthReporter).IsAssignableFrom(typeof(TStorage)))
        {
            services.AddSingleton(sp => (IHealthReporter)sp.GetRequiredKeyedService<TStorage>(name));
        }
        if (typeof(ISiloLifecycleParticipant).IsAssignableFrom(typeof(TStorage)))
        {
            services.AddSingleton(sp => (ISiloLifecycleParticipant)sp.GetRequiredKeyedService<TStorage>(name));
        }
        return services;
    }
}
