using BkMonitor.GrainInterfaces.Alerts;

namespace BkMonitor.Grains.Alerts;

/// <summary>
/// The persisted alerts of one dedupe key: the current one, the ones that ended before it (newest last,
/// bounded) and the signals written with the last transition but not yet announced (announced again on
/// activation, so a crash between the write and the announcement loses nothing). A pending signal names its alert
/// only: the snapshot it is announced with is taken from the alert at announcement, not stored a second time.
/// </summary>
internal sealed class AlertGrainState
{
    public const int EndedCapacity = 20;

    public AlertRecord? Current { get; set; }

    public List<AlertRecord> Ended { get; set; } = [];

    public List<PendingSignal> Pending { get; set; } = [];

    public AlertRecord? Find(string alertId)
    {
        if (Current?.Id == alertId) return Current;
        foreach (var alert in Ended)
        {
            if (alert.Id == alertId) return alert;
        }
        return null;
    }

    /// <summary>
    /// Keeps the alerts a transition touched: the machine's current one, and any other (replaced) as ended. Each
    /// touched alert's version goes up, so an index write of this state outranks every earlier one.
    /// </summary>
    public void Keep(AlertTransition transition, AlertRecord? current)
    {
        foreach (var alert in transition.Changed)
        {
            alert.Version++;
            if (ReferenceEquals(alert, current) || Ended.Contains(alert)) continue;
            Ended.Add(alert);
            if (Ended.Count > EndedCapacity) Ended.RemoveAt(0);
        }
        Current = current;
    }
}

/// <summary>A signal written with a transition and announced after the write: which alert, which signal, when.</summary>
internal sealed record PendingSignal(string AlertId, AlertSignal Signal, long Time);
