using System.Globalization;

namespace BkMonitor.Runtime.Messaging;

/// <summary>Creates generated proxies bound to a call runtime; never activates anything by itself.</summary>
internal sealed class GrainFactory(IGrainCallRuntime runtime) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey
    {
        if (primaryKey is null)
        {
            throw new ArgumentNullException(nameof(primaryKey), $"The key of a {typeof(TGrainInterface).Name} grain must not be null.");
        }
        return Create<TGrainInterface>(primaryKey);
    }

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey) where TGrainInterface : IGrainWithIntegerKey
        => Create<TGrainInterface>(primaryKey.ToString(CultureInfo.InvariantCulture));

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IAddressable
    {
        if (grainId.Type is null)
        {
            throw new ArgumentException($"An empty GrainId cannot address a {typeof(TGrainInterface).Name} grain.", nameof(grainId));
        }
        var itf = GrainTypeRegistry.GetInterface(typeof(TGrainInterface));
        return (TGrainInterface)(object)itf.ProxyFactory(runtime, grainId);
    }

    private TGrainInterface Create<TGrainInterface>(string key)
    {
        var resolved = GrainTypes<TGrainInterface>.Resolve();
        return (TGrainInterface)(object)resolved.Interface.ProxyFactory(runtime, new GrainId(resolved.Class.GrainType, key));
    }

    /// <summary>Per-interface cache of the registry lookups (only successful lookups are cached).</summary>
    private static class GrainTypes<TGrainInterface>
    {
        // A reference, not a nullable tuple: readers on other threads must never see half of it.
        private static Resolved? _resolved;

        public static Resolved Resolve()
        {
            if (Volatile.Read(ref _resolved) is { } resolved)
            {
                return resolved;
            }
            resolved = new Resolved(
                GrainTypeRegistry.GetInterface(typeof(TGrainInterface)),
                GrainTypeRegistry.GetClassForInterface(typeof(TGrainInterface)));
            Volatile.Write(ref _resolved, resolved);
            return resolved;
        }
    }

    private sealed record Resolved(GrainInterfaceDescriptor Interface, GrainClassDescriptor Class);
}
