using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace BkMonitor.Runtime.Streams;

/// <summary>
/// Which grain types subscribe implicitly to a stream namespace, from <see cref="GrainTypeRegistry"/>. Looked up
/// once per namespace and cached for the provider's life: grain classes are registered by module initializers
/// when their assembly loads, before a silo starts delivering.
/// </summary>
internal sealed class ImplicitSubscriberIndex(IReadOnlySet<string>? excludedGrainTypes = null)
{
    private static readonly ConcurrentDictionary<(string Provider, string GrainType, string Namespace), Guid> HandleIds = new();

    private readonly ConcurrentDictionary<string, string[]> _byNamespace = new(StringComparer.Ordinal);

    public string[] GrainTypes(string streamNamespace) => _byNamespace.GetOrAdd(streamNamespace, Find);

    /// <summary>True when <paramref name="grainId"/> is the implicit subscriber of <paramref name="streamId"/> (same key, subscribing class).</summary>
    public bool IsImplicitSubscriber(GrainId grainId, StreamId streamId)
        => grainId.Key == streamId.Key && Array.IndexOf(GrainTypes(streamId.Namespace), grainId.Type) >= 0;

    /// <summary>
    /// The one handle id of a grain type's implicit subscription to a namespace, the same on every silo and run.
    /// Asked for on every delivery, so it is hashed once per (provider, grain type, namespace): a silo has few.
    /// </summary>
    public static Guid ImplicitHandleId(string provider, string grainType, string streamNamespace)
        => HandleIds.GetOrAdd((provider, grainType, streamNamespace), static key =>
            new(MD5.HashData(Encoding.UTF8.GetBytes($"{key.Provider}\n{key.GrainType}\n{key.Namespace}"))));

    private string[] Find(string streamNamespace)
    {
        var types = new List<string>();
        foreach (var grainClass in GrainTypeRegistry.Classes)
        {
            if (excludedGrainTypes?.Contains(grainClass.GrainType) == true) continue;
            foreach (var ns in grainClass.ImplicitStreamNamespaces)
            {
                if (string.Equals(ns, streamNamespace, StringComparison.Ordinal))
                {
                    types.Add(grainClass.GrainType);
                    break;
                }
            }
        }
        types.Sort(StringComparer.Ordinal);
        return [.. types];
    }
}
