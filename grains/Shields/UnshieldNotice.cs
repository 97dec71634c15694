using BkMonitor.Grains.Alerts;

namespace BkMonitor.Grains.Shields;

/// <summary>
/// The "shield ended" notice (bk-monitor's ShieldStatusChecker): when an alert stops being shielded
/// and its last notice was shielded (or it never got one), a notice goes out now. During a recovery
/// period the notice is held back; if the recovery aborts, the recovery check asks for it again
/// (<see cref="AlertRecord.NeedUnshieldNotice"/>) and it goes out on the next pass.
/// </summary>
internal static class UnshieldNotice
{
    /// <param name="lastNoticeShielded">Whether the alert's last notice was shielded; null when it never got one.</param>
    public static UnshieldNoticeDecision Decide(
        bool wasShielded, bool isShieldedNow, bool isRecovering, bool needUnshieldNotice, bool hasNoticeRelation, bool? lastNoticeShielded)
    {
        if (isShieldedNow) return default;
        var owed = hasNoticeRelation && lastNoticeShielded != false;
        if (wasShielded)
        {
            return isRecovering ? new UnshieldNoticeDecision(false, HoldForRecovery: true, ClearNeedFlag: false) : new UnshieldNoticeDecision(owed, false, false);
        }
        return needUnshieldNotice ? new UnshieldNoticeDecision(owed, false, ClearNeedFlag: true) : default;
    }

    /// <summary>Applies the decision to the alert (is_shielded and the notice flags); true when a notice must be sent.</summary>
    public static bool Apply(AlertRecord alert, bool isShieldedNow, bool hasNoticeRelation, bool? lastNoticeShielded)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var decision = Decide(alert.IsShielded, isShieldedNow, alert.IsRecovering, alert.NeedUnshieldNotice, hasNoticeRelation, lastNoticeShielded);
        if (decision.HoldForRecovery) alert.IgnoreUnshieldNotice = true;
        if (decision.ClearNeedFlag) alert.NeedUnshieldNotice = false;
        alert.IsShielded = isShieldedNow;
        return decision.SendNotice;
    }
}

internal readonly record struct UnshieldNoticeDecision(bool SendNotice, bool HoldForRecovery, bool ClearNeedFlag);
