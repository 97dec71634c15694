namespace BkMonitor.Grains.Alerts;

/// <summary>
/// One pass of the alert manager over an open, unblocked alert, in bk-monitor's order: close rules
/// first, then recovery. Shield, ack and upgrade need other inputs and run beside it
/// (see Shields and <see cref="AlertUpgradeCheck"/>).
/// </summary>
internal static class AlertChecks
{
    public static AlertTransition Run(AlertStateMachine machine, AlertStrategyFacts? latest, IDetectResultSource detect, long now)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(detect);
        if (machine.Current is not { IsAbnormal: true } alert) return AlertTransition.Ignored("no open alert");
        if (alert.IsBlocked) return AlertTransition.Ignored("blocked alerts are not checked");

        if (AlertCloseCheck.Evaluate(alert, latest, detect, now) is { } reason) return machine.Close(reason, now);

        var decision = AlertRecoveryCheck.Evaluate(alert, latest, detect, now);
        if (decision.ShouldEnd) return machine.EndNow(decision.Status, decision.Message, now);
        if (decision.IsRecovering is not { } recovering || recovering == alert.IsRecovering) return AlertTransition.Ignored("still abnormal");

        alert.IsRecovering = recovering;
        // An unshield notice held back during the recovery period must go out once the period aborts.
        if (!recovering && alert.IgnoreUnshieldNotice)
        {
            alert.IgnoreUnshieldNotice = false;
            alert.NeedUnshieldNotice = true;
        }
        alert.UpdateTime = now;
        return new AlertTransition(AlertTransitionKind.Updated, [alert], []);
    }
}
