using System.Globalization;
using BkMonitor.GrainInterfaces.Metadata;
using BkMonitor.Runtime;
using Microsoft.Extensions.Logging;

namespace BkMonitor.Grains.Metadata;

/// <summary>
/// Publishes a metadata change to every live silo at once: one call per silo to its <see cref="IMetadataListenerGrain"/>,
/// whose key is picked so that the consistent-hash ring places it on that silo. The writer awaits all of them, so when
/// a change returns no silo (nor the gateway beside it) still serves the old copy. A silo that cannot be reached is
/// logged and skipped: a dead silo has no cache, and a silo that joins later starts with an empty one.
/// </summary>
public sealed class MetadataBroadcaster(ISiloRing ring, ILogger<MetadataBroadcaster> logger)
{
    public const string ListenerGrainType = "metadata-listener";

    // A silo owns about 1/n of the ring, so a key is found within a few times n tries; the bound only guards a
    // silo that left the ring between reading the silo list and the owners.
    private const int MaxKeyTries = 100_000;
    private ListenerKeys? _keys;

    public Task PublishAsync(IGrainFactory grains, Func<IMetadataListenerGrain, Task> send)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(send);
        var keys = CurrentKeys();
        var calls = new Task[keys.Keys.Count];
        for (var i = 0; i < calls.Length; i++)
        {
            calls[i] = SendAsync(grains.GetGrain<IMetadataListenerGrain>(keys.Keys[i]), send, keys.Keys[i]);
        }
        return Task.WhenAll(calls);
    }

    /// <summary>The listener key the ring maps to <paramref name="silo"/>, or null when the silo is not in the ring.</summary>
    public static string? ListenerKeyOf(ISiloRing ring, SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var prefix = silo.ToString();
        for (var n = 0; n < MaxKeyTries; n++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"{prefix}#{n}");
            if (ring.Owner(UniformHash.Of(ListenerGrainType, key)) == silo) return key;
        }
        return null;
    }

    private ListenerKeys CurrentKeys()
    {
        var silos = ring.Silos;
        var cached = Volatile.Read(ref _keys);
        if (cached is not null && ReferenceEquals(cached.Silos, silos)) return cached;
        var keys = new List<string>(silos.Count);
        foreach (var silo in silos)
        {
            if (ListenerKeyOf(ring, silo) is { } key) keys.Add(key);
        }
        var fresh = new ListenerKeys(silos, keys);
        Volatile.Write(ref _keys, fresh);
        return fresh;
    }

    private async Task SendAsync(IMetadataListenerGrain listener, Func<IMetadataListenerGrain, Task> send, string key)
    {
        try
        {
            await send(listener);
        }
        catch (Exception e) when (e is SiloUnavailableException or GrainCallTimeoutException)
        {
            MetadataLog.ListenerUnreachable(logger, key, e.Message);
        }
    }

    private sealed record ListenerKeys(IReadOnlyList<SiloAddress> Silos, List<string> Keys);
}
