using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.GrainInterfaces.Shields;

namespace BkMonitor.Grains.Shields;

/// <summary>The shields compiled for matching, one <see cref="ShieldMatcher"/> per shield in id order; a changed shield is compiled again.</summary>
internal sealed class ShieldSet
{
    private readonly SortedDictionary<long, ShieldMatcher> _matchers = [];

    public static ShieldSet Of(IEnumerable<ShieldConfig> shields)
    {
        ArgumentNullException.ThrowIfNull(shields);
        var set = new ShieldSet();
        foreach (var shield in shields) set.Put(shield);
        return set;
    }

    /// <summary>Adds or replaces a shield; a deleted one is dropped, since it never matches again.</summary>
    public void Put(ShieldConfig shield)
    {
        ArgumentNullException.ThrowIfNull(shield);
        if (shield.DeleteTime is not null) _matchers.Remove(shield.Id);
        else _matchers[shield.Id] = new ShieldMatcher(shield);
    }

    /// <summary>The first shield (lowest id) covering the alert at <paramref name="now"/>, with the end of its window.</summary>
    public ShieldMatch Match(AlertSnapshot alert, DateTimeOffset now, TimeZoneInfo bizZone)
    {
        ArgumentNullException.ThrowIfNull(alert);
        Dictionary<string, IReadOnlyList<string>>? dimensions = null;
        foreach (var matcher in _matchers.Values)
        {
            if (matcher.Shield.BkBizId != alert.BkBizId) continue;
            dimensions ??= ShieldAlertDimensions.Of(alert);
            if (matcher.IsShielding(alert.BkBizId, alert.Id, dimensions, now, bizZone))
            {
                return new ShieldMatch(true, matcher.Shield.Id, matcher.Shield.EndTime);
            }
        }
        return ShieldMatch.None;
    }
}
