using BkMonitor.Runtime;

namespace BkMonitor.GrainInterfaces.Alerts;

/// <summary>
/// The alerts of one dedupe key (key: the dedupe md5), fed by the <c>alert_event</c> stream: the current alert
/// and the ones it replaced, ack/close by hand, and the manager's periodic checks.
/// </summary>
public interface IAlertGrain : IGrainWithStringKey
{
    /// <summary>The alert with this id if this dedupe key holds it; null otherwise.</summary>
    [AlwaysInterleave]
    Task<AlertSnapshot?> GetAsync(string alertId);

    Task<AlertCommandResult> AckAsync(string alertId, string? message);

    Task<AlertCommandResult> CloseAsync(string alertId, string? message);
}
