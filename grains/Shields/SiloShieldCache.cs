using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.GrainInterfaces.Shields;
using BkMonitor.Runtime;

namespace BkMonitor.Grains.Shields;

/// <summary>
/// This silo's copy of the shields in force, for the alert manager's shield check of every open alert: matched here
/// instead of one registry call per alert per round (100,000 open alerts made ~1,700 calls/s on one grain). The copy
/// is asked for again once it is <see cref="MaxAgeSeconds"/> old (by the silo clock) and only travels when the
/// registry's version moved. The action stage, which holds notices at once, still asks the registry itself.
/// Thread-safe.
/// </summary>
internal sealed class SiloShieldCache
{
    public const int MaxAgeSeconds = 5;

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Copy _copy = new(-1, ShieldSet.Of([]), 0);

    /// <summary>The first shield covering <paramref name="alert"/> at <paramref name="now"/> (epoch s), as the registry would answer.</summary>
    public async ValueTask<ShieldMatch> MatchAsync(IGrainFactory grains, AlertSnapshot alert, long now, TimeZoneInfo bizZone)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var copy = _copy;
        if (IsStale(copy, now)) copy = await RefreshAsync(grains, now);
        return copy.Set.Match(alert, DateTimeOffset.FromUnixTimeSeconds(now), bizZone);
    }

    // Never fetched (version -1), old enough, or a clock that went back.
    private static bool IsStale(Copy copy, long now) => copy.Version < 0 || now - copy.FetchedAt >= MaxAgeSeconds || now < copy.FetchedAt;

    private async Task<Copy> RefreshAsync(IGrainFactory grains, long now)
    {
        await _refresh.WaitAsync();
        try
        {
            var copy = _copy;
            if (!IsStale(copy, now)) return copy; // another caller refreshed it meanwhile
            var changed = await grains.GetGrain<IShieldRegistryGrain>(IShieldRegistryGrain.GlobalKey).GetIfChangedAsync(copy.Version);
            _copy = changed is null ? copy with { FetchedAt = now } : new Copy(changed.Version, ShieldSet.Of(changed.Shields), now);
            return _copy;
        }
        finally
        {
            _refresh.Release();
        }
    }

    // A set built once per version and only read afterwards, so concurrent matches need no lock.
    private sealed record Copy(long Version, ShieldSet Set, long FetchedAt);
}
