using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Alerts;

/// <summary>
/// The alerts of one dedupe key (key: <see cref="AlertGrainKey"/>), fed by the <c>alert_event</c> stream: the current alert
/// and the ones it replaced, ack/close by hand, and the periodic checks its <see cref="IAlertManagerGrain"/> runs.
/// </summary>
public interface IAlertGrain : IGrainWithStringKey
{
    /// <summary>The alert with this id if this dedupe key holds it; null otherwise.</summary>
    [AlwaysInterleave]
    Task<AlertSnapshot?> GetAsync(string alertId);

    Task<AlertCommandResult> AckAsync(string alertId, string? message);

    Task<AlertCommandResult> CloseAsync(string alertId, string? message);

    /// <summary>
    /// The alert manager's periodic check of the open alert (close rules, recovery, shield flag); true while an
    /// alert stays open, false once none is (the manager stops checking this key).
    /// </summary>
    Task<bool> CheckAsync();
}
