namespace BkMonitor.Grains.Alerts;

/// <summary>Counts new alerts per <see cref="QosKey"/> across dedupe keys (a shared counter, not per-alert state).</summary>
internal interface IAlertQos
{
    /// <summary>Counts one new alert and says whether it is over the limit.</summary>
    QosVerdict Register(QosKey key, long now);

    /// <summary>Reads the current window's count without counting (used to release a blocked alert).</summary>
    QosVerdict Peek(QosKey key, long now);
}

/// <summary>
/// QoS dimension: strategy, signal (<c>"ABNORMAL"</c> or <c>"no_data"</c>) and severity; alerts without a
/// strategy use strategy 0 and <c>count_md5({bk_biz_id, alert_name, signal, severity})</c> as AlertMd5.
/// </summary>
internal readonly record struct QosKey(long StrategyId, string Signal, int Severity, string AlertMd5);

internal readonly record struct QosVerdict(bool IsBlocked, int Count, int Threshold, int WindowSeconds)
{
    public string Message => IsBlocked
        ? $"告警所属策略在当前窗口期（{WindowSeconds / 60} min）内产生的告警数量({Count})个，已大于QOS阈值({Threshold})，当前告警被流控"
        : $"告警所属策略在当前窗口期（{WindowSeconds / 60} min）内产生的告警数量({Count})个，低于QOS阈值({Threshold}), 告警流控已解除，将产生新的告警";
}
