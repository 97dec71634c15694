namespace BkMonitor.Grains.Alerts;

/// <summary>
/// The manager's close rules for an open strategy alert (bk-monitor's CloseStatusChecker): the
/// strategy is gone or disabled, it changed under the alert, or the alert's dimensions stopped
/// reporting data. Returns the close description, or null to keep the alert open.
/// </summary>
internal static class AlertCloseCheck
{
    public const long NoDataAlertExpireSeconds = 24 * 60 * 60;

    /// <summary>bk-monitor's EVENT_NO_DATA_TOLERANCE_WINDOW_SIZE: at least this many periods without data.</summary>
    public const int NoDataToleranceWindowSize = 5;

    public const long TimeSeriesMinNoDataSeconds = 30 * 60;
    public const long LogMinNoDataSeconds = 5 * 60;

    public const string StrategyGone = "策略已被停用或删除，告警关闭";
    public const string MetricChanged = "策略监控项已被修改，告警关闭";
    public const string DimensionsChanged = "策略监控维度已被修改，告警关闭";
    public const string LevelRemoved = "告警级别对应的检测算法已被删除，告警关闭";
    public const string ConditionChanged = "策略过滤条件已被修改，告警关闭";
    public const string NoDataDisabled = "无数据告警设置被关闭，告警关闭";
    public const string NoDataReported = "在恢复检测周期内无数据上报，告警已失效";
    public const string NoDataAlertExpired = "在恢复检测周期内，已经有 24h 没有产生无数据关联事件，告警已失效";

    /// <param name="latest">The strategy now; null when it was deleted or disabled.</param>
    public static string? Evaluate(AlertRecord alert, AlertStrategyFacts? latest, IDetectResultSource detect, long now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(detect);
        if (!alert.IsAbnormal || alert.StrategyId is null or 0) return null;
        if (latest is null) return StrategyGone;
        return StrategyChange(alert, alert.OriginStrategy, latest) ?? MissingData(alert, latest, detect, now);
    }

    private static string? StrategyChange(AlertRecord alert, AlertStrategyFacts? origin, AlertStrategyFacts latest)
    {
        if (origin is not null)
        {
            if (!origin.MetricIds.SequenceEqual(latest.MetricIds)) return MetricChanged;
            var pairs = Math.Min(origin.AggDimensions.Count, latest.AggDimensions.Count);
            for (var i = 0; i < pairs; i++)
            {
                if (!origin.AggDimensions[i].ToHashSet().SetEquals(latest.AggDimensions[i])) return DimensionsChanged;
            }
        }
        if (!alert.IsNoData)
        {
            return !latest.HasDynamicLevels && !latest.DetectLevels.Contains(alert.Severity) ? LevelRemoved : null;
        }
        if (origin is not null)
        {
            var pairs = Math.Min(origin.AggConditionMd5s.Count, latest.AggConditionMd5s.Count);
            for (var i = 0; i < pairs; i++)
            {
                if (origin.AggConditionMd5s[i] != latest.AggConditionMd5s[i]) return ConditionChanged;
            }
        }
        return latest.NoDataEnabled ? null : NoDataDisabled;
    }

    // Tolerance: time series max(max(trigger_window, 5) * unit, 1800) s; log
    // max((trigger_window' + recovery_window) * unit, 300) s. Closed when last data + tolerance < now.
    private static string? MissingData(AlertRecord alert, AlertStrategyFacts latest, IDetectResultSource detect, long now)
    {
        if (alert.IsNoData) return now - alert.LatestTime > NoDataAlertExpireSeconds ? NoDataAlertExpired : null;
        if (!latest.IsTimeSeriesLike) return null;
        if (!AnomalyIdParts.TryParse(alert.TopEvent.EventId, out var parts)) return null;
        if (!latest.Triggers.TryGetValue(parts.Level, out var trigger)) return null;

        var last = detect.LastCheckpoint(parts.StrategyId, parts.ItemId, parts.DimensionsMd5, parts.Level) ?? 0;
        long triggerWindow = Math.Max(trigger.CheckWindowSize, NoDataToleranceWindowSize);
        long tolerance;
        if (latest.DataTypeLabel == "log")
        {
            if (!latest.Recoveries.TryGetValue(parts.Level, out var recovery)) return null;
            tolerance = Math.Max((triggerWindow + recovery.CheckWindowSize) * latest.WindowUnit, LogMinNoDataSeconds);
        }
        else
        {
            tolerance = Math.Max(triggerWindow * latest.WindowUnit, TimeSeriesMinNoDataSeconds);
        }
        return last + tolerance < now ? NoDataReported : null;
    }
}
