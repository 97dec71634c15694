using BkMonitor.GrainInterfaces.Alerts;

namespace BkMonitor.Grains.Alerts;

/// <summary>
/// The searchable alert store: one row per alert (id, dedupe md5, strategy, biz, status, severity, begin/latest/end
/// time, snapshot), written by the alert grains on every transition. Implementations must be thread-safe.
/// </summary>
public interface IAlertIndex
{
    void Upsert(AlertSnapshot alert);

    AlertPage Search(AlertQuery query);

    string? DedupeMd5Of(string alertId);
}
