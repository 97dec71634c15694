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
        var (itf, grainClass) = GrainTypes<TGrainInterface>.Resolve();
        return (TGrainInterface)(object)itf.ProxyFactory(runtime, new GrainId(grainClass.GrainType, key));
    }

    /// <summary>Per-interface cache of the registry lookups (only successful lookups are cached).</summary>
    private static class GrainTypes<TGrainInterface>
    {
        private static (GrainInterfaceDescriptor, GrainClassDescriptor)? _resolved;

        public static (GrainInterfaceDescriptor Interface, GrainClassDescriptor Class) Resolve()
        {
            if (_resolved is { } resolved)
            {
                return resolved;
            }
            var itf = GrainTypeRegistry.GetInterface(typeof(TGrainInterface));
            var grainClass = GrainTypeRegistry.GetClassForInterface(typeof(TGrainInterface));
            _resolved = (itf, grainClass);
            return (itf, grainClass);
        }
    }
}
