namespace BkMonitor.Grains.Alerts;

/// <summary>
/// Notice upgrade (bk-monitor's UpgradeRuleMatch): once an alert has gone upgrade_interval minutes
/// since the last upgrade (or since it began, for the first), notify the next upgrade user group;
/// after the last group there is nothing more to escalate.
/// </summary>
internal static class AlertUpgradeCheck
{
    /// <summary>bk-monitor measures from 30 s in the future so a check just before the boundary still fires.</summary>
    public const long LookAheadSeconds = 30;

    public static UpgradeDecision Evaluate(UpgradeConfig? config, UpgradeNoticeState? last, long alertDuration, long now)
    {
        if (config is not { IsEnabled: true } || config.UserGroups.Count == 0) return UpgradeDecision.NotDue;
        var current = now + LookAheadSeconds;
        var sinceLast = current - (last?.LastUpgradeTime ?? current);
        if (sinceLast == 0) sinceLast = alertDuration;
        if ((long)config.UpgradeIntervalMinutes * 60 > sinceLast) return UpgradeDecision.NotDue;

        int next;
        if (last?.LastGroupIndex is not { } lastIndex) next = 0;
        else if (lastIndex + 1 < config.UserGroups.Count) next = lastIndex + 1;
        else return UpgradeDecision.NotDue;
        return new UpgradeDecision(true, next, config.UserGroups[next]);
    }

    /// <summary>The state to keep on the alert after the upgrade notice was sent.</summary>
    public static UpgradeNoticeState Sent(UpgradeDecision decision, long now)
    {
        if (!decision.IsDue) throw new ArgumentException("only a due upgrade is recorded", nameof(decision));
        return new UpgradeNoticeState(now, decision.GroupIndex);
    }
}

/// <summary>upgrade_config of a notice relation; upgrade_interval is in minutes.</summary>
internal sealed record UpgradeConfig(bool IsEnabled, IReadOnlyList<long> UserGroups, int UpgradeIntervalMinutes = 1440);

/// <summary>When the last upgrade notice went out and to which group (index into user_groups).</summary>
internal sealed record UpgradeNoticeState(long LastUpgradeTime, int? LastGroupIndex);

internal readonly record struct UpgradeDecision(bool IsDue, int GroupIndex, long UserGroupId)
{
    public static UpgradeDecision NotDue => default;
}
