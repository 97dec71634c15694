using BkMonitor.GrainInterfaces.Alerts;

namespace BkMonitor.Grains.Alerts;

/// <summary>
/// Whether an open strategy alert has recovered (bk-monitor's RecoverStatusChecker): from L, the last
/// detect time of the alert's (dimensions, level), slide the trigger window back one period at a time
/// for recovery_window periods; any window holding trigger_count anomalies keeps the alert open.
/// </summary>
internal static class AlertRecoveryCheck
{
    public const int DefaultRecoveryWindowSize = 5;

    public static RecoveryDecision Evaluate(AlertRecord alert, AlertStrategyFacts? latest, IDetectResultSource detect, long now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(detect);
        if (!alert.IsAbnormal || alert.StrategyId is null or 0) return RecoveryDecision.Open(null);
        if (!AnomalyIdParts.TryParse(alert.TopEvent.EventId, out var parts)) return RecoveryDecision.Open(null);
        if (alert.IsNoData)
        {
            return detect.IsNoDataOngoing(parts.StrategyId, parts.ItemId, parts.DimensionsMd5)
                ? RecoveryDecision.Open(null)
                : RecoveryDecision.End(AlertStatus.Recovered, "当前维度检测到新的上报数据，无数据告警已恢复");
        }
        var strategy = latest ?? alert.OriginStrategy;
        if (strategy is null || strategy.DataTypeLabel == "alert") return RecoveryDecision.Open(null);

        var unit = (long)strategy.WindowUnit;
        var (recoveryWindow, setter, recoverOnNoData) = RecoveryConfigFor(alert, strategy);
        // A level without trigger config falls back to the recovery window and a count of 0, as bk-monitor does.
        var trigger = strategy.Triggers.TryGetValue(alert.TopEvent.Severity, out var t) ? t : new LevelTriggerConfig(recoveryWindow, 0);
        var triggerOffset = unit * trigger.CheckWindowSize - 1;
        var recoveryOffset = unit * recoveryWindow;

        long last;
        if (strategy.DataTypeLabel == "event")
        {
            // Event data is aligned to the start of its period, so custom events look one period back.
            last = strategy.DataSourceLabel == "bk_monitor" ? now : now - unit;
        }
        else
        {
            if (detect.LastCheckpoint(parts.StrategyId, parts.ItemId, parts.DimensionsMd5, parts.Level) is not { } checkpoint)
            {
                return RecoveryDecision.End(setter, $"在恢复检测周期内无数据上报，告警已{Handle(setter)}");
            }
            if (recoverOnNoData && now > checkpoint + recoveryOffset + triggerOffset + unit)
            {
                return RecoveryDecision.End(setter, $"在恢复检测周期内无数据上报，告警已{Handle(setter)}");
            }
            var tolerance = Math.Max(Math.Max(trigger.CheckWindowSize, AlertCloseCheck.NoDataToleranceWindowSize) * unit, AlertCloseCheck.TimeSeriesMinNoDataSeconds);
            last = Math.Max(checkpoint, now - tolerance);
        }

        var results = detect.CheckResults(parts.StrategyId, parts.ItemId, parts.DimensionsMd5, parts.Level, last - recoveryOffset - triggerOffset, last);
        // Time series with no result at all is a data gap: that is the close check's business, not recovery.
        if (results.Count == 0 && strategy.IsTimeSeriesLike) return RecoveryDecision.Open(null);

        bool? recovering = null;
        var end = last;
        for (var i = 0; i < recoveryWindow; i++)
        {
            if (CountAnomalies(results, end - triggerOffset, end) >= trigger.TriggerCount)
            {
                return RecoveryDecision.Open(i == 0 && alert.IsRecovering ? false : recovering);
            }
            if (i == 0 && !alert.IsRecovering) recovering = true;
            end -= unit;
        }
        return RecoveryDecision.End(setter, $"连续 {recoveryWindow} 个周期不满足触发条件，告警已{Handle(setter)}");
    }

    private static int CountAnomalies(IReadOnlyList<CheckResultPoint> results, long from, long to)
    {
        var count = 0;
        foreach (var point in results)
        {
            if (point.IsAnomaly && point.Time >= from && point.Time <= to) count++;
        }
        return count;
    }

    private static (int Window, AlertStatus Setter, bool RecoverOnNoData) RecoveryConfigFor(AlertRecord alert, AlertStrategyFacts strategy)
    {
        if (!strategy.Recoveries.TryGetValue(alert.TopEvent.Severity, out var config)
            && !strategy.Recoveries.TryGetValue(alert.Severity, out config))
        {
            return (DefaultRecoveryWindowSize, AlertStatus.Recovered, false);
        }
        var setter = config.StatusSetter ?? "recovery";
        var dash = setter.IndexOf('-', StringComparison.Ordinal);
        var onNoData = dash >= 0 && setter[(dash + 1)..] == "nodata";
        var kind = dash >= 0 ? setter[..dash] : setter;
        return (config.CheckWindowSize, kind == "close" ? AlertStatus.Closed : AlertStatus.Recovered, onNoData);
    }

    private static string Handle(AlertStatus status) => status == AlertStatus.Closed ? "关闭" : "恢复";
}

/// <summary>
/// Outcome of a recovery check: end the alert with a status and message, or keep it open, possibly
/// flipping its "recovering" flag (null leaves the flag as it is).
/// </summary>
internal readonly record struct RecoveryDecision(bool ShouldEnd, AlertStatus Status, string Message, bool? IsRecovering)
{
    public static RecoveryDecision End(AlertStatus status, string message) => new(true, status, message, null);

    public static RecoveryDecision Open(bool? isRecovering) => new(false, AlertStatus.Abnormal, "", isRecovering);
}
