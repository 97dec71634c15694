namespace BkMonitor.Grains.Actions;

/// <summary>
/// Notice upgrade (<c>upgrade_config</c>): once an alert has gone <c>upgrade_interval</c> minutes
/// without being handled (since the last upgrade, or since it began), the next upgrade user group
/// in order is notified; after the last group nothing more happens.
/// </summary>
internal static class UpgradePolicy
{
    /// <param name="lastUpgradeTime">Epoch seconds of the last upgrade notice; null before the first.</param>
    /// <param name="lastGroupIndex">Index into <c>user_groups</c> notified last; null before the first.</param>
    /// <param name="alertDuration">The alert's duration in seconds, used before the first upgrade.</param>
    public static UpgradeStep? Next(UpgradeConfig? config, long? lastUpgradeTime, int? lastGroupIndex, long alertDuration, long now)
    {
        if (config is null || !config.IsEnabled || config.UserGroups.Count == 0) return null;
        var elapsed = lastUpgradeTime is { } last ? now - last : 0;
        // bk-monitor falls back to the alert duration while no upgrade has happened yet.
        if (elapsed == 0) elapsed = alertDuration;
        if ((long)config.UpgradeInterval * 60 > elapsed) return null;
        var next = lastGroupIndex is { } index ? index + 1 : 0;
        return next < config.UserGroups.Count ? new UpgradeStep(next, config.UserGroups[next]) : null;
    }
}

/// <summary>The upgrade to send: notify user group <paramref name="UserGroupId"/> (position <paramref name="GroupIndex"/>).</summary>
internal sealed record UpgradeStep(int GroupIndex, int UserGroupId);
