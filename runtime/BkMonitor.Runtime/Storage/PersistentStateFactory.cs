using Microsoft.Extensions.DependencyInjection;

namespace BkMonitor.Runtime.Storage;

/// <summary>Resolves the keyed <see cref="IGrainStorage"/> for a state (null name → the default provider) and binds a <see cref="PersistentState{TState}"/> to it.</summary>
internal sealed class PersistentStateFactory(IServiceProvider services, IEnumerable<GrainStorageRegistration> registrations) : IPersistentStateFactory
{
    private readonly GrainStorageRegistration[] _registrations = [.. registrations];

    public IPersistentState<TState> Create<TState>(IGrainContext context, string stateName, string? storageName) where TState : new()
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(stateName);
        var name = storageName ?? ProviderNames.DefaultStorage;
        return new PersistentState<TState>(stateName, context.GrainId, Resolve(name, stateName, context.GrainId));
    }

    internal IGrainStorage Resolve(string name, string stateName, GrainId grainId)
        => services.GetKeyedService<IGrainStorage>(name)
            ?? throw new InvalidOperationException(
                $"Grain storage '{name}' for state '{stateName}' of grain {grainId} is not configured. Configured grain storage providers: {Describe()}. "
                + "Add it with silo.AddMemoryGrainStorage(name) or silo.AddSqliteGrainStorage(name, path).");

    private string Describe()
    {
        if (_registrations.Length == 0)
        {
            return "(none)";
        }
        var names = new List<string>(_registrations.Length);
        foreach (var r in _registrations)
        {
            var label = $"'{r.Name}' ({r.Kind})";
            if (!names.Contains(label))
            {
                names.Add(label);
            }
        }
        return string.Join(", ", names);
    }
}
