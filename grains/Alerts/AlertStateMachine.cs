using BkMonitor.GrainInterfaces.Alerts;
using BkMonitor.Grains.Hashing;

namespace BkMonitor.Grains.Alerts;

/// <summary>
/// The alert lifecycle for one dedupe key (bk-monitor's AlertBuilder.build_alerts and Alert.update):
/// open on an abnormal event, absorb later events, close and reopen when a more severe event
/// arrives, drop less severe ones, end on recovery/close. Every command returns the signals to emit;
/// each (alert, signal) fires once and a QoS-blocked alert emits none.
/// </summary>
internal sealed class AlertStateMachine
{
    public const string HigherSeverityCloseMessage = "存在更高级别的告警，告警关闭";

    private readonly IAlertIdSequence _sequence;
    private readonly IAlertQos _qos;

    public AlertStateMachine(IAlertIdSequence sequence, IAlertQos qos, AlertRecord? current = null)
    {
        _sequence = sequence ?? throw new ArgumentNullException(nameof(sequence));
        _qos = qos ?? throw new ArgumentNullException(nameof(qos));
        Current = current;
    }

    /// <summary>The latest alert of this dedupe key (open or ended); null before the first one.</summary>
    public AlertRecord? Current { get; private set; }

    public AlertTransition Apply(AlertEvent ev, long now)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var alert = Current;
        if (alert is not null && alert.DedupeMd5 != ev.DedupeMd5)
        {
            throw new ArgumentException($"event dedupe_md5 {ev.DedupeMd5} does not belong to alert {alert.Id} ({alert.DedupeMd5})", nameof(ev));
        }
        if (EventCleaner.IsExpired(ev, now, alert?.EndTime)) return AlertTransition.Dropped("event expired");
        if (alert is not null && alert.RecentEventIds.Contains(ev.Id)) return AlertTransition.Dropped("duplicate event");

        var signals = new List<EmittedSignal>();
        if (alert is null || !alert.IsAbnormal)
        {
            if (ev.Status != AlertStatus.Abnormal) return AlertTransition.Ignored($"no abnormal alert for a {EventCleaner.StatusName(ev.Status)} event");
            var created = Open(ev, now, signals);
            return new AlertTransition(AlertTransitionKind.Created, [created], signals, created.IsBlocked ? "blocked by QoS" : null);
        }
        alert.RememberEvent(ev.Id);

        if (alert.IsBlocked)
        {
            var verdict = _qos.Peek(QosKeyOf(alert), now);
            if (!verdict.IsBlocked)
            {
                End(alert, AlertStatus.Closed, $"{verdict.Message}, 当前告警关闭", now, now, signals);
                return ReplaceOrEnd(alert, ev, now, signals);
            }
        }
        if (ev.Status == AlertStatus.Abnormal && alert.Severity > ev.Severity)
        {
            End(alert, AlertStatus.Closed, HigherSeverityCloseMessage, Math.Max(ev.Time, alert.LatestTime), now, signals);
            return ReplaceOrEnd(alert, ev, now, signals);
        }
        if (alert.TopEvent.Severity < ev.Severity) return AlertTransition.Dropped("less severe than the alert's top event");

        var ended = Update(alert, ev, now, signals);
        return new AlertTransition(ended ? AlertTransitionKind.Ended : AlertTransitionKind.Updated, [alert], signals);
    }

    public AlertTransition Ack(string? message, long now)
    {
        if (Current is not { } alert) return AlertTransition.Rejected("no alert");
        if (!alert.IsAbnormal) return AlertTransition.Rejected($"alert {alert.Id} has already ended");
        if (alert.IsAck) return AlertTransition.Rejected($"alert {alert.Id} is already acknowledged");
        alert.IsAck = true;
        alert.AckMessage = message;
        alert.UpdateTime = now;
        var signals = new List<EmittedSignal>();
        Emit(alert, AlertSignal.Ack, signals);
        return new AlertTransition(AlertTransitionKind.Updated, [alert], signals);
    }

    /// <summary>Closes the open alert now (manual close, or a close rule of the manager's checks).</summary>
    public AlertTransition Close(string description, long now) => EndNow(AlertStatus.Closed, description, now);

    /// <summary>Ends the open alert now as RECOVERED or CLOSED (recovery check; status_setter close gives CLOSED).</summary>
    public AlertTransition EndNow(AlertStatus status, string description, long now)
    {
        if (status == AlertStatus.Abnormal) throw new ArgumentException("an alert ends as RECOVERED or CLOSED", nameof(status));
        if (Current is not { } alert) return AlertTransition.Rejected("no alert");
        if (!alert.IsAbnormal) return AlertTransition.Rejected($"alert {alert.Id} has already ended");
        var signals = new List<EmittedSignal>();
        End(alert, status, description ?? "", now, now, signals);
        return new AlertTransition(AlertTransitionKind.Ended, [alert], signals);
    }

    private AlertTransition ReplaceOrEnd(AlertRecord ended, AlertEvent ev, long now, List<EmittedSignal> signals)
    {
        if (ev.Status != AlertStatus.Abnormal) return new AlertTransition(AlertTransitionKind.Ended, [ended], signals);
        var created = Open(ev, now, signals);
        return new AlertTransition(AlertTransitionKind.Replaced, [ended, created], signals);
    }

    private AlertRecord Open(AlertEvent ev, long now, List<EmittedSignal> signals)
    {
        var alert = new AlertRecord
        {
            Id = AlertIdFormat.Format(now, _sequence.Next()),
            DedupeMd5 = ev.DedupeMd5,
            StrategyId = ev.StrategyId,
            BkBizId = ev.BkBizId ?? 0,
            AlertName = ev.AlertName,
            Severity = ev.Severity,
            Status = ev.Status,
            Dimensions = DimensionsOf(ev),
            BeginTime = ev.Time,
            LatestTime = ev.Time,
            FirstAnomalyTime = ev.AnomalyTime,
            CreateTime = now,
            UpdateTime = now,
            EventCount = 1,
            TopEvent = ev,
        };
        alert.RememberEvent(ev.Id);
        var verdict = _qos.Register(QosKeyOf(alert), now);
        alert.IsBlocked = verdict.IsBlocked;
        Current = alert;
        Emit(alert, alert.IsNoData ? AlertSignal.NoData : AlertSignal.Abnormal, signals);
        return alert;
    }

    // Returns true when the event ended the alert. Older events only widen begin_time or refresh
    // first_anomaly_time; an abnormal event of equal severity becomes the top event.
    private static bool Update(AlertRecord alert, AlertEvent ev, long now, List<EmittedSignal> signals)
    {
        alert.UpdateTime = now;
        alert.EventCount++;
        alert.FirstAnomalyTime = alert.FirstAnomalyTime != 0 && ev.AnomalyTime != 0
            ? Math.Min(alert.FirstAnomalyTime, ev.AnomalyTime)
            : ev.AnomalyTime;
        if (ev.Time < alert.BeginTime)
        {
            alert.BeginTime = ev.Time;
            return false;
        }
        if (ev.Status == AlertStatus.Abnormal && ev.Time < alert.LatestTime) return false;

        alert.LatestTime = ev.Time;
        if (ev.Status == AlertStatus.Abnormal)
        {
            if (ev.Severity == alert.Severity) alert.TopEvent = ev;
            return false;
        }
        End(alert, ev.Status, ev.Description, ev.Time, now, signals);
        return true;
    }

    private static void End(AlertRecord alert, AlertStatus status, string description, long endTime, long now, List<EmittedSignal> signals)
    {
        if (!alert.IsAbnormal) return;
        alert.Status = status;
        alert.EndTime = endTime;
        alert.EndDescription = description;
        alert.UpdateTime = now;
        alert.IsRecovering = false;
        Emit(alert, status == AlertStatus.Recovered ? AlertSignal.Recovered : AlertSignal.Closed, signals);
    }

    private static void Emit(AlertRecord alert, AlertSignal signal, List<EmittedSignal> signals)
    {
        if (alert.IsBlocked || alert.EmittedSignals.Contains(signal)) return;
        alert.EmittedSignals.Add(signal);
        signals.Add(new EmittedSignal(alert.Id, signal));
    }

    public static QosKey QosKeyOf(AlertRecord alert)
    {
        var signal = alert.IsNoData ? "no_data" : "ABNORMAL";
        if (alert.StrategyId is { } sid and not 0) return new QosKey(sid, signal, alert.Severity, "");
        var md5 = CountMd5.Of(new Dictionary<string, object?>
        {
            ["bk_biz_id"] = alert.TopEvent.BkBizId ?? 0,
            ["alert_name"] = alert.AlertName,
            ["signal"] = signal,
            ["severity"] = alert.Severity,
        });
        return new QosKey(0, signal, alert.Severity, md5);
    }

    // Alert dimensions are the event's own dedupe keys (defaults and the nodata tag excluded).
    private static List<AlertDimension> DimensionsOf(AlertEvent ev)
    {
        var dimensions = new List<AlertDimension>();
        foreach (var key in ev.DedupeKeys)
        {
            if (EventCleaner.DefaultDedupeFields.Contains(key) || key == "tags." + EventCleaner.NoDataTagKey) continue;
            var value = EventCleaner.FieldValue(ev, key) is { } v ? PythonStr.Of(v) : null;
            var tag = key.StartsWith("tags.", StringComparison.Ordinal) ? EventCleaner.FindTag(ev, key[5..]) : null;
            dimensions.Add(new AlertDimension
            {
                Key = key,
                Value = value,
                DisplayKey = tag?.DisplayKey ?? key,
                DisplayValue = tag?.DisplayValue ?? value,
            });
        }
        return dimensions;
    }
}
