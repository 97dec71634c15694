using BkMonitor.Runtime.Storage;

namespace BkMonitor.Runtime.Hosting;

/// <summary>Adds a grain storage provider of the application's own (a store this runtime has no provider for).</summary>
public static class GrainStorageSiloBuilderExtensions
{
    /// <summary>
    /// Registers <paramref name="factory"/>'s storage under <paramref name="name"/>; <paramref name="kind"/> names it in
    /// health and diagnostics. Health reporting and silo lifecycle are wired when the storage implements them.
    /// </summary>
    public static ISiloBuilder AddGrainStorage<TStorage>(this ISiloBuilder silo, string name, string kind, Func<IServiceProvider, TStorage> factory)
        where TStorage : class, IGrainStorage
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(factory);
        silo.Services.AddGrainStorage(name, kind, factory);
        return silo;
    }
}
