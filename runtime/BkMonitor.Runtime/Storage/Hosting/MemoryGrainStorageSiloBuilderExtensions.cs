using BkMonitor.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.Runtime.Hosting;

/// <summary>Adds in-memory grain storage to a silo.</summary>
public static class MemoryGrainStorageSiloBuilderExtensions
{
    /// <summary>Grain storage kept in this silo's memory (tests, and state that may be lost on restart).</summary>
    public static ISiloBuilder AddMemoryGrainStorage(this ISiloBuilder silo, string name = ProviderNames.DefaultStorage)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddGrainStorage(name, "memory", sp => new MemoryGrainStorage(name, sp.GetRequiredService<IGrainStateSerializer>()));
        return silo;
    }

    /// <summary>Uses one <see cref="MemoryGrainStorage"/> instance, so the silos of an in-process cluster share the state.</summary>
    public static ISiloBuilder AddMemoryGrainStorage(this ISiloBuilder silo, string name, MemoryGrainStorage sharedStorage)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(sharedStorage);
        silo.Services.AddGrainStorage(name, "memory", _ => sharedStorage);
        return silo;
    }
}
