using BkMonitor.GrainInterfaces.Converge;

namespace BkMonitor.Grains.Actions;

/// <summary>What the notice stage adds to an alert's persisted actions: the repeat-notice cycle and pending collect summaries.</summary>
internal sealed partial class ActionGrainState
{
    /// <summary>The alert grain's key (<see cref="GrainInterfaces.Alerts.AlertGrainKey"/>), to read the alert back on repeat polls.</summary>
    public string? AlertKey { get; set; }

    /// <summary>Set while upgrade notices may follow the first abnormal notice; cleared when the alert ends or every group was told.</summary>
    public UpgradeProgress? Upgrade { get; set; }

    /// <summary>Set while repeat notices may follow the first abnormal notice; cleared when the alert ends.</summary>
    public NoticeCycle? Cycle { get; set; }

    public List<PendingCollectSummary> CollectSummaries { get; set; } = [];
}

/// <summary>A notice delivery in the log: the way (channel) and receivers; null way means a webhook action.</summary>
internal sealed partial class NotificationLogEntry
{
    public string? Way { get; set; }

    public List<string> Receivers { get; set; } = [];

    public string Title { get; set; } = "";

    /// <summary>Status of a delivery converge put to sleep: not sent until a recheck lets it run.</summary>
    public const string Waiting = "waiting";

    /// <summary>Key of the converge grain the instance registered with; its outcome is reported there.</summary>
    public string? ConvergeKey { get; set; }

    /// <summary>The converge request of a "waiting" delivery, asked again on each recheck.</summary>
    public ConvergeRequest? PendingConverge { get; set; }
}

/// <summary>How far notice upgrade has gone: when the last upgrade group was told, and which.</summary>
internal sealed class UpgradeProgress
{
    /// <summary>The signal of the first notice (abnormal or no_data): upgrade notices carry it.</summary>
    public required string Signal { get; set; }

    public long? LastTime { get; set; }

    /// <summary>Position in upgrade_config.user_groups of the group told last; null before the first upgrade.</summary>
    public int? LastGroupIndex { get; set; }
}

/// <summary>The repeat-notice state of the notice relation (bk-monitor's cycle handle record) and the signal it repeats.</summary>
internal sealed class NoticeCycle
{
    public required string Signal { get; set; }

    public int ActionConfigId { get; set; }

    public required CycleHandleRecord Record { get; set; }
}

/// <summary>A collect summary to send once due: which converge record, to whom.</summary>
internal sealed class PendingCollectSummary
{
    public required string ConvergeKey { get; set; }

    public long ConvergeId { get; set; }

    /// <summary>Epoch seconds.</summary>
    public long DueAt { get; set; }

    public int ActionConfigId { get; set; }

    public required string Way { get; set; }

    public required string Receiver { get; set; }

    public List<string> Receivers { get; set; } = [];

    public string Url { get; set; } = "";

    public string Title { get; set; } = "";
}
