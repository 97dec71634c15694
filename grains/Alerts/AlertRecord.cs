using BkMonitor.GrainInterfaces.Alerts;

namespace BkMonitor.Grains.Alerts;

/// <summary>
/// The persisted state of one alert (what an alert grain keeps for its dedupe key): the fields of
/// bk-monitor's alert document plus the bookkeeping the lifecycle needs (signals already sent,
/// recovery and unshield flags, upgrade progress).
/// </summary>
internal sealed class AlertRecord
{
    /// <summary>How many recent event ids are remembered, so a redelivered event is not counted twice.</summary>
    public const int RecentEventCapacity = 32;

    public required string Id { get; set; }
    public required string DedupeMd5 { get; set; }
    public long? StrategyId { get; set; }
    public long BkBizId { get; set; }
    public string AlertName { get; set; } = "";
    public int Severity { get; set; }
    public AlertStatus Status { get; set; }
    public List<AlertDimension> Dimensions { get; set; } = [];
    public long BeginTime { get; set; }
    public long LatestTime { get; set; }
    public long? EndTime { get; set; }
    public long FirstAnomalyTime { get; set; }
    public long CreateTime { get; set; }
    public long UpdateTime { get; set; }

    /// <summary>Bumped on every persisted change (see <see cref="AlertGrainState.Keep"/>); orders the alert's index writes.</summary>
    public long Version { get; set; }
    public bool IsShielded { get; set; }
    public bool IsBlocked { get; set; }
    public bool IsAck { get; set; }
    public string? AckMessage { get; set; }
    public int EventCount { get; set; }
    public required AlertEvent TopEvent { get; set; }
    public string EndDescription { get; set; } = "";

    /// <summary>Signals already emitted: each (alert, signal) fires once.</summary>
    public List<AlertSignal> EmittedSignals { get; set; } = [];
    public List<string> RecentEventIds { get; set; } = [];

    /// <summary>The latest detect window was clean; actions are held back until recovery or abort.</summary>
    public bool IsRecovering { get; set; }
    public bool IgnoreUnshieldNotice { get; set; }
    public bool NeedUnshieldNotice { get; set; }
    public UpgradeNoticeState? UpgradeNotice { get; set; }

    /// <summary>The strategy as it was when the alert opened; close checks compare the latest one with it.</summary>
    public AlertStrategyFacts? OriginStrategy { get; set; }

    public bool IsAbnormal => Status == AlertStatus.Abnormal;

    public bool IsNoData => EventCleaner.IsNoData(TopEvent);

    /// <summary>Seconds from the first anomaly to the latest event, floored at 60 so it never shows 0.</summary>
    public long Duration => Math.Max(LatestTime - FirstAnomalyTime, 60);

    public AlertSnapshot ToSnapshot() => new()
    {
        Id = Id,
        StrategyId = StrategyId,
        BkBizId = BkBizId,
        AlertName = AlertName,
        Severity = Severity,
        Status = Status,
        Dimensions = [.. Dimensions],
        DedupeMd5 = DedupeMd5,
        BeginTime = BeginTime,
        LatestTime = LatestTime,
        EndTime = EndTime,
        FirstAnomalyTime = FirstAnomalyTime,
        Duration = Duration,
        IsShielded = IsShielded,
        IsBlocked = IsBlocked,
        IsAck = IsAck,
        EventCount = EventCount,
        UpdateTime = UpdateTime,
        Version = Version,
        Event = TopEvent,
    };

    public bool RememberEvent(string eventId)
    {
        if (RecentEventIds.Contains(eventId)) return false;
        if (RecentEventIds.Count >= RecentEventCapacity) RecentEventIds.RemoveAt(0);
        RecentEventIds.Add(eventId);
        return true;
    }
}
