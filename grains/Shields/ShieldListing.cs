using BkMonitor.GrainInterfaces.Shields;

namespace BkMonitor.Grains.Shields;

/// <summary>Which shields are still in force, and one page of a listing filtered by business and active/expired.</summary>
internal static class ShieldListing
{
    /// <summary>Enabled, not deleted and not past its end; a shield that has not begun yet is active (it is still to come).</summary>
    public static bool IsActive(ShieldConfig shield, long now)
    {
        ArgumentNullException.ThrowIfNull(shield);
        return shield.IsEnabled && shield.DeleteTime is null && now <= shield.EndTime;
    }

    public static ShieldPage Page(IEnumerable<ShieldConfig> shields, ShieldQuery query, long now)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matching = shields
            .Where(s => query.BkBizId is not { } biz || s.BkBizId == biz)
            .Where(s => query.Status switch
            {
                ShieldQuery.Active => IsActive(s, now),
                ShieldQuery.Expired => !IsActive(s, now),
                _ => true,
            })
            .OrderBy(s => s.Id)
            .ToList();
        var skip = (long)(query.Page - 1) * query.PageSize;
        return new ShieldPage([.. matching.Skip((int)Math.Min(skip, int.MaxValue)).Take(query.PageSize)], matching.Count);
    }
}
